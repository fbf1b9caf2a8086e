using System.Text;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Templates;

namespace CaseAudit.Web.Demo;

/// Two audit rounds for the demo partnership, so a new user has something to explore: an
/// earlier round on the use-of-history template, graded and published, and a second round on
/// the same template now grading (returns at every status, one open safeguarding concern), so
/// the trend between them has a baseline.
///
/// Everything is derived from fixed tables and a hash of each choice's name, never from
/// System.Random or new Guids: two fresh data files seeded on the same day hold the same
/// documents, and a bug report about "case NS-2026-004" means the same case on every machine.
public static class DemoRounds
{
    public const string TemplateId = "use-of-history";
    public const string PublishedRoundId = "demo-r1";
    public const string GradingRoundId = "demo-r2";
    public const string Coordinator = "demo.coordinator";

    private sealed record DemoCase(
        string Reference, string AgeBand, string Level, string[] Categories, string Gender, string Ethnicity, string[] Risks, string Tool, string[] Agencies);

    private const string Sc = "social-care";
    private const string Health = "health";
    private const string Police = "police";
    private const string Education = "education";
    private const string EarlyHelp = "early-help";
    private const string Probation = "probation";

    private const string Gcp2 = "Graded Care Profile 2";
    private const string QualityOfCare = "Quality of Care tool";
    private const string NoTool = "None";

    // A sample as a QA lead might have drawn it from the partnership's pool: not sequential.
    private static readonly DemoCase[] PublishedCases =
    [
        new("NS-2025-003", "0–2", "Child protection", ["Physical", "Medical"], "Girl", "White", ["Substance misuse"], Gcp2, [Sc, Health, Police]),
        new("NS-2025-008", "5–11", "Child in need", ["Educational", "Emotional"], "Boy", "White", ["Parental mental ill health"], NoTool, [Sc, Education, Health]),
        new("NS-2025-011", "12–18", "Child protection", ["Lack of supervision and guidance", "Emotional"], "Girl", "Black, Black British, Caribbean or African", ["Domestic abuse"], NoTool, [Sc, Police, Education]),
        new("NS-2025-015", "3–4", "Child in need", ["Nutritional", "Physical"], "Boy", "Asian or Asian British", ["Poverty", "Learning disability"], Gcp2, [Sc, Health]),
        new("NS-2025-019", "5–11", "Child protection", ["Physical", "Lack of supervision and guidance"], "Boy", "Mixed or multiple ethnic groups", ["Domestic abuse", "Substance misuse"], Gcp2, [Sc, Health, Police, Education]),
        new("NS-2025-022", "12–18", "Looked after", ["Emotional", "Educational"], "Boy", "White", ["Substance misuse"], NoTool, [Sc, Education, Police]),
        new("NS-2025-026", "0–2", "Child in need", ["Prenatal", "Nutritional"], "Girl", "White", ["Parental mental ill health", "Domestic abuse"], NoTool, [Sc, Health, Police]),
        new("NS-2025-031", "5–11", "Early help", ["Educational", "Physical"], "Girl", "Other ethnic group", ["Poverty"], QualityOfCare, [Sc, Education, Health]),
        new("NS-2025-034", "3–4", "Child protection", ["Medical", "Physical"], "Girl", "White", ["Domestic abuse", "Parental mental ill health"], Gcp2, [Sc, Health, Police, Education]),
        new("NS-2025-040", "12–18", "Child in need", ["Lack of supervision and guidance", "Educational"], "Another gender", "Not recorded", ["Parental mental ill health"], NoTool, [Sc, Education]),
    ];

    private static readonly DemoCase[] GradingCases =
    [
        new("NS-2026-001", "0–2", "Child protection", ["Physical", "Medical"], "Boy", "White", ["Substance misuse", "Domestic abuse"], Gcp2, [Sc, Health, Police, Probation]),
        new("NS-2026-002", "5–11", "Child in need", ["Educational", "Emotional"], "Girl", "Mixed or multiple ethnic groups", ["Parental mental ill health"], NoTool, [Sc, Education, Health]),
        new("NS-2026-003", "12–18", "Child protection", ["Lack of supervision and guidance", "Emotional"], "Boy", "White", ["Domestic abuse", "Substance misuse"], NoTool, [Sc, Police, Education, EarlyHelp]),
        new("NS-2026-004", "3–4", "Early help", ["Nutritional", "Physical"], "Girl", "Asian or Asian British", ["Poverty"], Gcp2, [Sc, Health, EarlyHelp]),
        new("NS-2026-005", "0–2", "Child in need", ["Prenatal", "Medical"], "Girl", "White", ["Substance misuse", "Parental mental ill health"], NoTool, [Sc, Health, Probation]),
        new("NS-2026-006", "5–11", "Child protection", ["Physical", "Educational"], "Boy", "Black, Black British, Caribbean or African", ["Learning disability", "Poverty"], Gcp2, [Sc, Health, Education, Police]),
        new("NS-2026-007", "12–18", "Looked after", ["Emotional", "Educational"], "Girl", "White", ["Domestic abuse"], NoTool, [Sc, Education, Police]),
        new("NS-2026-008", "5–11", "Early help", ["Lack of supervision and guidance", "Physical"], "Boy", "Other ethnic group", ["Poverty"], QualityOfCare, [Sc, Education, EarlyHelp]),
        new("NS-2026-009", "3–4", "Child protection", ["Medical", "Nutritional"], "Boy", "Mixed or multiple ethnic groups", ["Parental mental ill health", "Domestic abuse"], Gcp2, [Sc, Health, Police, EarlyHelp, Education]),
        new("NS-2026-010", "12–18", "Child in need", ["Educational", "Lack of supervision and guidance"], "Girl", "Asian or Asian British", ["Parental mental ill health"], NoTool, [Sc, Education, Health]),
        new("NS-2026-011", "0–2", "Child protection", ["Physical", "Nutritional"], "Girl", "White", ["Domestic abuse", "Learning disability"], Gcp2, [Sc, Health, Police]),
        new("NS-2026-012", "5–11", "Child in need", ["Emotional", "Medical"], "Boy", "Not recorded", ["Substance misuse", "Poverty"], QualityOfCare, [Sc, Health, Education, Probation]),
    ];

    /// Writes both rounds, their cases and returns, one open concern and one audit entry in one
    /// transaction. Does nothing if the data file already has rounds or the template is missing
    /// (a developer pointing Development at their own templates folder).
    public static void Seed(CaseAuditStore store, Writer writer, TemplateLibrary templates, DateOnly today)
    {
        if (store.Rounds.Count() > 0 || templates.Find(TemplateId, null) is not { } stored)
        {
            return;
        }

        var template = templates.Parse(stored);
        var published = PublishedRound(stored.Version, today);
        var grading = GradingRound(stored.Version, today);
        var publishedCases = Cases(published, PublishedCases);
        var gradingCases = Cases(grading, GradingCases);

        var returns = new List<AgencyReturn>();
        returns.AddRange(PublishedReturns(template, published, publishedCases));
        returns.AddRange(GradingReturns(template, grading, gradingCases, today));
        var concern = Concern(grading, gradingCases, returns, today);

        var cases = publishedCases.Concat(gradingCases).ToList();
        var summary = $"Demo rounds created: '{published.Title}' (published, {publishedCases.Count} cases) and '{grading.Title}' (grading, {gradingCases.Count} cases)";
        writer.Write(change =>
        {
            // Looked at again inside the writer: a second start racing this one adds nothing.
            if (store.Rounds.Count() > 0)
            {
                return;
            }

            store.Rounds.InsertBulk([published, grading]);
            store.Cases.InsertBulk(cases);
            store.Returns.InsertBulk(returns);
            store.Concerns.Insert(concern);
            change.Audit(new AuditEvent("demo.rounds-created", summary, null, AuditEvent.SystemActor,
                After: new
                {
                    rounds = new[] { published.Id, grading.Id },
                    template = $"{stored.TemplateId}@{stored.Version}",
                    cases = cases.Count,
                    returns = returns.GroupBy(r => r.Status).OrderBy(g => g.Key).ToDictionary(g => g.Key.ToString(), g => g.Count()),
                    concern = concern.Id,
                }));
        });
    }

    private static Round PublishedRound(string templateVersion, DateOnly today)
    {
        // Always a year in the past, whenever the demo is created; the period is fixed so the
        // title stays true.
        var deadline = today.AddMonths(-12);
        var created = At(deadline.AddDays(-63), 10, 5);
        var gradingStarted = At(deadline.AddDays(-42), 9, 30);
        var panel = At(deadline.AddDays(14), 14, 0);
        var publishedAt = At(deadline.AddDays(49), 11, 15);
        return new Round
        {
            Id = PublishedRoundId,
            Title = "Use of history: autumn 2025",
            TemplateId = TemplateId,
            TemplateVersion = templateVersion,
            PeriodFrom = new DateOnly(2025, 4, 1),
            PeriodTo = new DateOnly(2025, 9, 30),
            GradingDeadline = deadline,
            AgencyIds = [Sc, Health, Police, Education],
            Status = RoundStatus.Published,
            History =
            [
                new(RoundStatus.Draft, RoundStatus.Grading, gradingStarted, Coordinator, null),
                new(RoundStatus.Grading, RoundStatus.Panel, panel, Coordinator, null),
                new(RoundStatus.Panel, RoundStatus.Published, publishedAt, Coordinator, null),
            ],
            CreatedAt = created,
            CreatedBy = Coordinator,
            // One for creation and one for each move, as RoundPlanner counts them.
            Version = 4,
        };
    }

    private static Round GradingRound(string templateVersion, DateOnly today)
    {
        var periodTo = today.AddMonths(-1);
        var periodFrom = periodTo.AddMonths(-6).AddDays(1);
        return new Round
        {
            Id = GradingRoundId,
            // Named after its period, which moves with today so the deadline is always ahead.
            Title = $"Use of history: repeat audit, {periodFrom:MMMM yyyy} to {periodTo:MMMM yyyy}",
            TemplateId = TemplateId,
            TemplateVersion = templateVersion,
            PeriodFrom = periodFrom,
            PeriodTo = periodTo,
            GradingDeadline = today.AddDays(10),
            AgencyIds = [.. DemoPartnership.Agencies.Select(a => a.Id)],
            Status = RoundStatus.Grading,
            History = [new(RoundStatus.Draft, RoundStatus.Grading, At(GradingStarted(today), 9, 45), Coordinator, null)],
            CreatedAt = At(today.AddDays(-28), 13, 20),
            CreatedBy = Coordinator,
            Version = 2,
        };
    }

    private static DateOnly GradingStarted(DateOnly today) => today.AddDays(-21);

    private static List<SampledCase> Cases(Round round, DemoCase[] table) =>
        table.Select((c, i) => new SampledCase
        {
            Id = $"{round.Id}-c{i + 1:00}",
            RoundId = round.Id,
            Reference = c.Reference,
            AgeBand = c.AgeBand,
            Level = c.Level,
            Categories = [.. c.Categories],
            Gender = c.Gender,
            EthnicityGroup = c.Ethnicity,
            RiskFactors = [.. c.Risks],
            AssessmentTool = c.Tool,
            AgencyIds = [.. c.Agencies],
        }).ToList();

    private static IEnumerable<AgencyReturn> PublishedReturns(AuditTemplate template, Round round, List<SampledCase> cases)
    {
        var from = DateOnly.FromDateTime(round.History[0].At);
        foreach (var c in cases)
        {
            foreach (var agency in c.AgencyIds)
            {
                var key = $"{c.Id}.{agency}";
                var submitted = At(from.AddDays(3 + Pick(key + ".day", 36)), 9 + Pick(key + ".hour", 8), Pick(key + ".minute", 60));
                var r = Complete(template, round, c, agency);
                r.Status = ReturnStatus.Submitted;
                r.Version = 2 + Pick(key + ".saves", 3);
                r.UpdatedAt = r.SubmittedAt = submitted;
                r.UpdatedBy = r.SubmittedBy = AuditorOf(agency);
                yield return r;
            }
        }
    }

    // Within each agency, returns in case order take turns at Submitted, InProgress and
    // NotStarted, each agency starting at a different point: every agency with three or more
    // cases (all four demo auditors) has a return at every status.
    private static IEnumerable<AgencyReturn> GradingReturns(AuditTemplate template, Round round, List<SampledCase> cases, DateOnly today)
    {
        var started = GradingStarted(today);
        var agencies = DemoPartnership.Agencies.Select(a => a.Id).ToList();
        var made = new List<AgencyReturn>();
        foreach (var agency in agencies)
        {
            var turn = agencies.IndexOf(agency);
            foreach (var c in cases.Where(c => c.AgencyIds.Contains(agency)))
            {
                var key = $"{c.Id}.{agency}";
                var status = (turn++ % 3) switch { 0 => ReturnStatus.Submitted, 1 => ReturnStatus.InProgress, _ => ReturnStatus.NotStarted };
                var worked = At(started.AddDays(1 + Pick(key + ".day", 19)), 9 + Pick(key + ".hour", 8), Pick(key + ".minute", 60));
                var r = status switch
                {
                    ReturnStatus.Submitted => Complete(template, round, c, agency),
                    ReturnStatus.InProgress => Partial(template, round, c, agency),
                    _ => Empty(round, c, agency),
                };
                r.Status = status;
                if (status != ReturnStatus.NotStarted)
                {
                    r.Version = 1 + Pick(key + ".saves", 3);
                    r.UpdatedAt = worked;
                    r.UpdatedBy = AuditorOf(agency);
                }

                if (status == ReturnStatus.Submitted)
                {
                    r.Version++;
                    r.SubmittedAt = worked;
                    r.SubmittedBy = AuditorOf(agency);
                }

                made.Add(r);
            }
        }

        return made.OrderBy(r => r.Id, StringComparer.Ordinal);
    }

    // On an infant's case whose health return is being worked on: the health auditor found it
    // while reading the health visiting records.
    private static SafeguardingConcern Concern(Round round, List<SampledCase> cases, List<AgencyReturn> returns, DateOnly today)
    {
        var infant = cases.First(c => c.AgeBand == "0–2" && c.Level != "Child protection"
            && returns.Any(r => r.CaseId == c.Id && r.AgencyId == Health && r.Status == ReturnStatus.InProgress));
        return new SafeguardingConcern
        {
            Id = $"{infant.Id}-concern",
            RoundId = round.Id,
            CaseId = infant.Id,
            AgencyId = Health,
            WhatWasSeen = "Health visitor records for the last fortnight show the infant has lost weight and two appointments were missed; no home visit since. "
                + "The mother told the duty health visitor by phone that she was 'managing fine' but declined a visit.",
            ActionTaken = "Referral made to children's social care front door today at 10:40 and the allocated social worker's team manager told by phone; "
                + "reference given by duty worker. Health visitor asked to visit tomorrow and to weigh the infant.",
            RaisedBy = AuditorOf(Health),
            RaisedAt = At(today.AddDays(-1), 10, 52),
        };
    }

    private static AgencyReturn Empty(Round round, SampledCase c, string agency) => new()
    {
        Id = AgencyReturn.KeyOf(c.Id, agency),
        RoundId = round.Id,
        CaseId = c.Id,
        AgencyId = agency,
    };

    // Every graded question answered with evidence (or "Not applicable" with a reason), an
    // overall grade and the child's voice: what ReturnRules.ForSubmit asks for.
    private static AgencyReturn Complete(AuditTemplate template, Round round, SampledCase c, string agency)
    {
        var r = Empty(round, c, agency);
        var qualities = new List<double>();
        foreach (var q in template.Questions)
        {
            var key = $"{r.Id}.{q.Id}";
            if (q.Answer == AnswerKind.Text)
            {
                // Practitioners and families are not always asked; some returns leave these blank.
                if (Unit(key + ".asked") < 0.45 && TextAnswers.TryGetValue(q.Id, out var texts))
                {
                    r.Answers[q.Id] = new Answer { Text = texts[Pick(key + ".text", texts.Length)] };
                }

                continue;
            }

            if (NotApplicableReason(template, q, c, agency) is { } reason)
            {
                r.Answers[q.Id] = new Answer { NotApplicable = true, NotApplicableReason = reason };
                continue;
            }

            var quality = Quality(round, c, agency, q.Id);
            qualities.Add(quality);
            r.Answers[q.Id] = Graded(template, q, c, agency, key, quality);
        }

        r.OverallGrade = GradeFor(template, qualities.Count == 0 ? 1.5 : qualities.Average());
        r.ChildVoiceSummary = ChildVoice(c, agency, r.Id);
        return r;
    }

    // The first few questions answered, the rest still to do; the last answered one sometimes
    // has a grade but no evidence yet, as a draft would.
    private static AgencyReturn Partial(AuditTemplate template, Round round, SampledCase c, string agency)
    {
        var r = Empty(round, c, agency);
        var graded = template.Questions.Where(q => q.Answer == AnswerKind.Grade).ToList();
        var answered = 3 + Pick(r.Id + ".answered", Math.Max(1, graded.Count / 2));
        foreach (var q in graded.Take(answered))
        {
            var key = $"{r.Id}.{q.Id}";
            r.Answers[q.Id] = NotApplicableReason(template, q, c, agency) is { } reason
                ? new Answer { NotApplicable = true, NotApplicableReason = reason }
                : Graded(template, q, c, agency, key, Quality(round, c, agency, q.Id));
        }

        if (graded.Take(answered).LastOrDefault() is { } last && Unit(r.Id + ".unfinished") < 0.5 && r.Answers[last.Id].Grade is not null)
        {
            r.Answers[last.Id].Evidence = null;
            r.Answers[last.Id].Strengths = null;
            r.Answers[last.Id].Better = null;
        }

        return r;
    }

    private static Answer Graded(AuditTemplate template, TemplateQuestion q, SampledCase c, string agency, string key, double quality)
    {
        var good = quality >= 1.5;
        var findings = Findings.TryGetValue(q.Id, out var f) ? f : GenericFindings;
        var options = good ? findings.Good : findings.Weak;
        var finding = options[Pick(key + ".evidence", options.Length)];

        // Auditors name the records they read now and then, not on every answer.
        var evidence = Unit(key + ".source") < 0.3 ? $"{Sources[agency]} {finding}" : finding;

        // One question per return says how a risk factor in the family shows in the record, and
        // only where practice was weak: repeated on every answer it would read like a template.
        var returnKey = key[..key.LastIndexOf('.')];
        if (!good && c.RiskFactors.Count > 0 && q.Id == RiskDetailQuestions[Pick(returnKey + ".detail", RiskDetailQuestions.Length)])
        {
            evidence += " " + RiskDetail[c.RiskFactors[Pick(returnKey + ".risk", c.RiskFactors.Count)]];
        }

        var grade = GradeFor(template, quality);
        var answer = new Answer { Grade = grade, Evidence = evidence };
        if (Unit(key + ".note") < 0.3)
        {
            if (good)
            {
                answer.Strengths = StrengthNotes[Pick(key + ".strength", StrengthNotes.Length)];
            }
            else
            {
                answer.Better = findings.Better;
            }
        }

        return answer;
    }

    private static string? NotApplicableReason(AuditTemplate template, TemplateQuestion q, SampledCase c, string agency)
    {
        if (!template.Scale.AllowsNotApplicable)
        {
            return null;
        }

        return q.Id switch
        {
            "UH-08" when c.AgeBand is not ("0–2" or "3–4") && !c.Categories.Contains("Prenatal") =>
                "No pregnancy or new baby in the household during the audit period, and none in the history our records hold.",
            "UH-15" when c.AssessmentTool == NoTool && agency is Police or Probation =>
                "Our agency does not complete neglect assessment tools and none was used by the lead agency on this case.",
            _ => null,
        };
    }

    // 0 = Inadequate ... 3 = Outstanding. Chronology questions are weakest across the
    // partnership, the police a little weaker on history, and the second round a little better
    // (more on chronology, the focus of the first round's learning), so the trend shows change.
    private static double Quality(Round round, SampledCase c, string agency, string questionId)
    {
        var question = questionId switch
        {
            "UH-01" => 1.3,
            "UH-02" => 1.0,
            "UH-03" => 1.1,
            "UH-04" => 1.2,
            "UH-05" => 1.8,
            "UH-06" => 1.3,
            "UH-07" => 1.5,
            "UH-08" => 1.8,
            "UH-09" => 1.5,
            "UH-10" => 1.4,
            "UH-11" => 1.3,
            "UH-12" => 1.5,
            "UH-13" => 1.4,
            "UH-14" => 1.6,
            "UH-15" => c.AssessmentTool == NoTool ? 0.9 : 1.7,
            _ => 1.5,
        };
        var agencyShift = agency switch
        {
            Sc => 0.25,
            Health => 0.3,
            Police => -0.4,
            Education => 0.1,
            EarlyHelp => 0.1,
            _ => -0.1,
        };
        var chronology = questionId is "UH-01" or "UH-02" or "UH-03" or "UH-04";
        var roundShift = round.Id == GradingRoundId ? (chronology ? 0.3 : 0.15) : 0;
        var caseShift = (Unit(c.Id + ".practice") - 0.5) * 0.8;
        var noise = (Unit($"{c.Id}.{agency}.{questionId}.grade") - 0.5) * 1.4;
        return Math.Clamp(question + agencyShift + roundShift + caseShift + noise, 0, 3);
    }

    // Options are best first; a quality of 3 is the first option.
    private static string GradeFor(AuditTemplate template, double quality)
    {
        var options = template.Scale.Options;
        var index = Math.Clamp(3 - (int)Math.Round(quality, MidpointRounding.AwayFromZero), 0, options.Count - 1);
        return options[index];
    }

    private static string ChildVoice(SampledCase c, string agency, string key)
    {
        var bank = c.AgeBand switch
        {
            "0–2" => InfantVoice,
            "3–4" => PreSchoolVoice,
            "5–11" => PrimaryVoice,
            _ => AdolescentVoice,
        };
        var text = bank[Pick(key + ".voice", bank.Length)];
        return agency == Police && Unit(key + ".police-voice") < 0.6
            ? text + " Police contact was mainly with the adults; officers' notes of the child's presentation at incidents are brief."
            : text;
    }

    private static string AuditorOf(string agency) =>
        DemoPartnership.People.FirstOrDefault(p => p.AgencyId == agency && p.Roles.Contains(Roles.Auditor)).UserName ?? Coordinator;

    private static DateTime At(DateOnly day, int hour, int minute) => day.ToDateTime(new TimeOnly(hour, minute), DateTimeKind.Utc);

    // A number in [0, 1) fixed by the name of the choice: FNV-1a over the UTF-8 name, then the
    // SplitMix64 finaliser to spread nearby names. Stable across runs, machines and .NET versions.
    private static double Unit(string name)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            hash = unchecked((hash ^ b) * 1099511628211UL);
        }

        unchecked
        {
            hash += 0x9E3779B97F4A7C15UL;
            hash = (hash ^ (hash >> 30)) * 0xBF58476D1CE4E5B9UL;
            hash = (hash ^ (hash >> 27)) * 0x94D049BB133111EBUL;
            hash ^= hash >> 31;
        }

        return (hash >> 11) * (1.0 / (1UL << 53));
    }

    private static int Pick(string name, int count) => Math.Min(count - 1, (int)(Unit(name) * count));

    private static readonly Dictionary<string, string> Sources = new()
    {
        [Sc] = "Social care record (assessments, case notes, conference and review reports):",
        [Health] = "Health visiting, school nursing and GP liaison records:",
        [Police] = "Police records (domestic abuse and vulnerability reports, strategy discussion notes):",
        [Education] = "School safeguarding file and attendance records:",
        [EarlyHelp] = "Early help record (family plan and review notes):",
        [Probation] = "Probation record for the adult in the household:",
    };

    private sealed record FindingText(string[] Good, string[] Weak, string Better);

    private static readonly FindingText GenericFindings = new(
        ["The record shows this was done well and consistently during the period."],
        ["The record shows little evidence of this during the period."],
        "Make sure the record shows this is done consistently.");

    private static readonly Dictionary<string, FindingText> Findings = new()
    {
        ["UH-01"] = new(
            ["A chronology is on file and was updated within a fortnight of each significant event, including outcomes of interventions, not only concerns.",
             "The chronology covers each child in the household and was last updated shortly before the end of the audit period."],
            ["A chronology exists but the latest entry is several months before the end of the period; outcomes of interventions are not recorded.",
             "No chronology on file; significant events are scattered through case notes and have to be pieced together."],
            "Keep the chronology up to date after each significant event and record the outcome of each intervention."),
        ["UH-02"] = new(
            ["The chronology is summarised every quarter and draws out the pattern of missed appointments and school absence, saying what it means for the child.",
             "Repeated referrals and the earlier child in need plan are highlighted, with a short analysis of why the earlier improvement did not last."],
            ["Events are listed one by one; seven missed health appointments appear in the list but the pattern is not drawn out or analysed.",
             "The chronology lists incidents but not earlier plans, so the repeat pattern of neglect is not visible to a reader."],
            "Add a short analysis to the chronology each quarter saying what the pattern means for the child."),
        ["UH-03"] = new(
            ["Contributions from health, education and police are included and dated; records from the previous local authority area were requested and added.",
             "The multi-agency chronology was built at the strategy discussion and includes adult mental health involvement with the mother."],
            ["Only our own agency's events appear; no information from adult services or the previous area, although the family moved here during the period.",
             "Police domestic abuse notifications are not in the chronology, so other agencies could not see them alongside the health concerns."],
            "Ask every agency that knows the family, including adult services, to contribute; request records from any previous area."),
        ["UH-04"] = new(
            ["The assessment and the conference report both refer to specific earlier events from the chronology and explain how they were weighed.",
             "Supervision notes show the manager and worker reviewing the chronology before deciding to step up."],
            ["The chronology exists but is not referred to in the assessment, the review or supervision; decisions are based on the latest visit.",
             "Conference report repeats the referral but does not use the history held in the chronology."],
            "Refer to the chronology in assessments and supervision, and say how the history was weighed in each decision."),
        ["UH-05"] = new(
            ["The assessment names the two earlier episodes of involvement, what each achieved, and checks made on the mother's new partner.",
             "Previous plans for older siblings are considered and their outcome used to judge how likely change is now."],
            ["Earlier involvement is mentioned in one line ('previously known') without saying what happened or why the case closed.",
             "No checks recorded on the new adult in the household, although the referral said he was staying most nights."],
            "Check every adult in the household and set out what earlier involvement achieved and why it ended."),
        ["UH-06"] = new(
            ["The assessment explores the mother's own experience of being in care and links it thoughtfully to her difficulty in responding to the child's needs.",
             "Both parents' childhoods are discussed and the support offered (a parenting programme) was chosen with that history in mind."],
            ["The parents' own history is not explored; the assessment focuses on current home conditions only.",
             "It is recorded that the father was known to services as a child, but this is not analysed or used in planning."],
            "Explore each parent's own childhood and link it to their capacity to meet the child's needs now."),
        ["UH-07"] = new(
            ["A new partner moving in prompted fresh checks and an updated assessment within three weeks.",
             "The assessment was refreshed at each review point as the plan required."],
            ["The house move and the change of school did not prompt any fresh checks; the plan was reviewed on information four months old.",
             "The assessment was not updated when the mother's relapse was reported; decisions continued on the earlier picture."],
            "Refresh checks and the assessment whenever there is a significant change, such as a new partner or a house move."),
        ["UH-08"] = new(
            ["Pre-birth information was shared between midwifery, health visiting and social care, and the outcome of proceedings for an older sibling informed the pre-birth assessment.",
             "Missed antenatal appointments and smoking in pregnancy were recognised as possible prenatal neglect and discussed at the pre-birth meeting."],
            ["Midwifery knew of the earlier concerns for an older child but this was not shared before the birth.",
             "Missed antenatal appointments were recorded but not recognised as a possible sign of prenatal neglect."],
            "Share what is known about earlier children before the birth and treat missed antenatal care as a possible sign of prenatal neglect."),
        ["UH-09"] = new(
            ["A clear transfer summary was written when the case moved teams, setting out what had and had not worked.",
             "When the case stepped down to early help, the closing summary gave the early help worker the full history."],
            ["The case changed worker three times in the period and there is no transfer summary; each worker started their own assessment.",
             "When the case stepped down, the history was not passed on; the early help plan repeats actions that had already failed."],
            "Write a transfer summary whenever the case moves worker, team or level, setting out what has and has not worked."),
        ["UH-10"] = new(
            ["The new assessment builds explicitly on the last one and keeps the original timescales for change rather than resetting them.",
             "The worker challenged a fresh start after a good first visit, pointing to the history of short-lived improvement."],
            ["Signs of 'start-again syndrome': the same concerns about home conditions are 'found' again at each new referral without reference to the past.",
             "A new worker reset the timescales for change although the earlier ones had already passed."],
            "Build each new assessment on the last one and keep timescales for change that have already been set."),
        ["UH-11"] = new(
            ["Before new work began, the reasons for closing the previous child in need plan were examined and the new plan is different from the one that did not work.",
             "The record asks why the earlier improvement was not sustained and names what will be done differently."],
            ["This is the third referral for neglect; closure each time was based on parental co-operation, and the record does not ask why change did not last.",
             "The new plan largely repeats the previous one, with no analysis of why it ended without lasting change."],
            "Ask why earlier improvement did not last before starting new work, and make the new plan different."),
        ["UH-12"] = new(
            ["The analysis sets out how long the child has lived with neglect and its effect on development and speech, and this drives the urgency of the plan.",
             "Cumulative impact is analysed across health, education and emotional well-being, not just the latest incident."],
            ["Each incident is responded to on its own; there is no analysis of the cumulative impact on the child over time.",
             "The record describes the latest home visit in detail but does not consider the years of neglect behind it."],
            "Analyse how long the child has lived with neglect and its impact on development over time, not only the latest incident."),
        ["UH-13"] = new(
            ["When progress stalled, the manager arranged a joint visit with the health visitor to get a fresh view, and the plan changed as a result.",
             "The worker's view changed appropriately when school raised the same concerns about the child's presentation."],
            ["Case notes repeatedly record 'home conditions as usual' with no analysis or action; professionals appear to have become used to the child's circumstances.",
             "Concerns raised by another agency were not taken up; the lack of progress went unquestioned for several months."],
            "Use a fresh pair of eyes (a manager, a joint visit) when progress stalls, and act on other agencies' concerns."),
        ["UH-14"] = new(
            ["When the history showed persistent neglect, the case was stepped up to a strategy discussion without waiting for an incident.",
             "Thresholds were applied to the accumulated history and legal planning was considered at the right time."],
            ["Escalation happened only after an injury was reported, although the history had shown persistent neglect for more than a year.",
             "Each referral was judged below threshold on its own; the accumulated history was not weighed."],
            "Apply thresholds to the accumulated history rather than waiting for an incident before escalating."),
        ["UH-15"] = new(
            ["The tool was repeated after six months and the scores compared area by area; the decision to step down referred to the improvement shown.",
             "Repeated tool scores were used at review to show that change for the child had been sustained."],
            ["No neglect assessment tool was used although our guidance expects one for a child on a plan for neglect.",
             "The tool was completed once at the start but never repeated, so change could not be measured."],
            "Repeat the neglect assessment tool at review and compare the scores area by area."),
    };

    private static readonly string[] RiskDetailQuestions = ["UH-03", "UH-05", "UH-07", "UH-12", "UH-13"];

    private static readonly Dictionary<string, string> RiskDetail = new()
    {
        ["Parental mental ill health"] = "The mother's mental ill health is a recurring theme but adult mental health services' knowledge of her is not drawn on.",
        ["Substance misuse"] = "Parental substance misuse runs through the record; the drug and alcohol service's view is recorded only once.",
        ["Domestic abuse"] = "Several domestic abuse notifications sit in the period; their impact on the child is mentioned but not analysed.",
        ["Learning disability"] = "The parent's learning disability is noted; adapted materials were offered at some, not all, meetings.",
        ["Poverty"] = "Debt and poor housing are well described; the record is clear that poverty explains some but not all of the concerns.",
    };

    private static readonly string[] StrengthNotes =
    [
        "Clear, well-kept record that a new worker could pick up quickly.",
        "Good joint working with the health visitor; information shared promptly both ways.",
        "Analysis is written in plain language and focuses on what life is like for the child.",
        "Manager oversight is visible and adds to the analysis rather than repeating it.",
        "The worker persisted with a parent who was hard to engage and kept the child in focus.",
    ];

    private static readonly Dictionary<string, string[]> TextAnswers = new()
    {
        ["UH-16"] =
        [
            "She would start the chronology on day one rather than waiting for the assessment to be due.",
            "He would have asked for the previous area's records straight away; they arrived after the plan was agreed.",
            "She would have looked back at the siblings' history before accepting the mother's account that things were better.",
        ],
        ["UH-17"] =
        [
            "Helped: the multi-agency chronology started at the strategy discussion. Hindered: no access to adult mental health records.",
            "Hindered by three changes of worker and high caseloads; little time to read back through the file.",
            "Supervision helped: the manager asked for the history to be summarised before each review.",
        ],
        ["UH-18"] =
        [
            "Yes, at a school visit. The child said, 'I like it when the worker comes because she listens.'",
            "The child was too young to give a view; the worker recorded observations of the child's play and presentation instead.",
            "Not asked in the period; the worker said the child was reluctant to talk, and no other way of seeking their view was tried.",
        ],
        ["UH-19"] =
        [
            "The mother said she had told her story to four different people and 'nobody seemed to read the file'.",
            "Parents gave feedback through the agency's usual survey; they found the plan clear but felt the meetings were too long.",
            "Not asked; the case closed before the review meeting where feedback is usually gathered.",
        ],
    };

    private static readonly string[] InfantVoice =
    [
        "The child is pre-verbal. The health visitor's notes describe the child's weight, handling and interaction with mother at each contact, giving a good picture of daily care.",
        "Observations of the child are brief: 'baby asleep' at several visits. Little is recorded about feeding routines, handling or how mother responds to the child's cues.",
        "The child was seen at every contact. Records describe the child as quiet and slow to respond, and link this to the concerns about stimulation at home.",
    ];

    private static readonly string[] PreSchoolVoice =
    [
        "Nursery observations describe the child arriving hungry and in unwashed clothes on Mondays; these are used well in the assessment of daily life at home.",
        "The child was seen but rarely alone; the record says little about the child's day, routines or how the child relates to each parent.",
        "Direct work through play is recorded and shows the child's worry about noise at home at night.",
    ];

    private static readonly string[] PrimaryVoice =
    [
        "The child's own words are recorded in direct work ('I get my own breakfast, sometimes there isn't any') and shaped the plan.",
        "The child was seen at school regularly, but the record describes what adults said about the child rather than what the child said.",
        "Wishes and feelings work was completed once; the child said they wanted to stay at home and for 'Mum to be less sad'. Not revisited during the period.",
    ];

    private static readonly string[] AdolescentVoice =
    [
        "The young person's views are well recorded, including frustration at having to repeat their story to each new worker.",
        "The young person was difficult to engage and is rarely quoted; episodes of going missing and low school attendance are the main window on daily life.",
        "The young person was seen alone and said they care for a younger sibling most evenings; this is recognised as a sign of neglect in the plan.",
    ];
}
