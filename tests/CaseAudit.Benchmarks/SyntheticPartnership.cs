using System.Text;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Rounds;
using CaseAudit.Web.Templates;

namespace CaseAudit.Benchmarks;

// A partnership at the size the targets are set for, written through the app's own store and
// types so a measure reads exactly what the app would. Every value comes from a fixed seed: two
// runs measure the same documents, and a surprising number can be reproduced.
public sealed class SyntheticPartnership : IDisposable
{
    public const string TemplateId = "synthetic-neglect";
    public const string TemplateVersion = "1.0";
    public const int QuestionsPerTemplate = 30;
    public const int DefaultCasesPerRound = 40;
    public const int DefaultAgencies = 8;
    public const int ModeratedCasesPerRound = 4;

    public const string Coordinator = "synthetic.coordinator";

    private static readonly (string Id, string Name, string Short)[] AgencyTable =
    [
        ("social-care", "Children's social care", "CSC"),
        ("health", "Health (community and acute)", "Health"),
        ("police", "Police", "Police"),
        ("education", "Education", "Education"),
        ("early-help", "Early help", "Early help"),
        ("probation", "Probation service", "Probation"),
        ("housing", "Housing", "Housing"),
        ("adult-mental-health", "Adult mental health", "AMH"),
    ];

    private readonly DirectoryInfo? _ownedFolder;

    private SyntheticPartnership(CaseAuditStore store, DirectoryInfo? ownedFolder, AuditTemplate template, IReadOnlyList<Round> rounds, IReadOnlyList<Agency> agencies)
    {
        Store = store;
        _ownedFolder = ownedFolder;
        Writer = new Writer(store, TimeProvider.System);
        Templates = new TemplateLibrary(store, Writer);
        Findings = new RoundFindingsReader(store, Templates);
        Template = template;
        Rounds = rounds;
        Agencies = agencies;
    }

    public CaseAuditStore Store { get; }

    public Writer Writer { get; }

    public TemplateLibrary Templates { get; }

    public RoundFindingsReader Findings { get; }

    public AuditTemplate Template { get; }

    // Oldest first; every one Published, with its findings frozen as publishing does.
    public IReadOnlyList<Round> Rounds { get; }

    public IReadOnlyList<Agency> Agencies { get; }

    public string DataFile => Store.DataFile;

    public static int GradingsPerRound(int cases = DefaultCasesPerRound, int agencies = DefaultAgencies) => cases * agencies * QuestionsPerTemplate;

    // The fewest rounds holding at least this many gradings (100,000 → 11 rounds of 9,600).
    public static int RoundsFor(int gradings, int cases = DefaultCasesPerRound, int agencies = DefaultAgencies) =>
        (gradings + GradingsPerRound(cases, agencies) - 1) / GradingsPerRound(cases, agencies);

    // A fresh data file in its own temp folder, deleted again on Dispose.
    public static SyntheticPartnership Create(int rounds, int casesPerRound = DefaultCasesPerRound, int agencies = DefaultAgencies, int seed = 20261202)
    {
        var folder = Directory.CreateTempSubdirectory("caseaudit-synthetic-");
        try
        {
            return Create(Path.Combine(folder.FullName, "caseaudit.db"), rounds, casesPerRound, agencies, seed, folder);
        }
        catch
        {
            folder.Delete(recursive: true);
            throw;
        }
    }

    public static SyntheticPartnership Create(string dataFile, int rounds, int casesPerRound = DefaultCasesPerRound, int agencies = DefaultAgencies, int seed = 20261202) =>
        Create(dataFile, rounds, casesPerRound, agencies, seed, ownedFolder: null);

    // Opens a data file Create made earlier (read-only by default, as a second process must).
    public static SyntheticPartnership Open(string dataFile, bool readOnly = true)
    {
        var store = new CaseAuditStore(dataFile, readOnly);
        try
        {
            using var writer = new Writer(store, TimeProvider.System);
            var library = new TemplateLibrary(store, writer);
            var stored = library.Find(TemplateId, TemplateVersion) ?? throw new InvalidOperationException($"{dataFile} holds no synthetic partnership.");
            var template = library.Parse(stored);
            var rounds = store.Rounds.Find(r => r.TemplateId == TemplateId).OrderBy(r => r.PeriodFrom).ToList();
            var agencies = store.Agencies.FindAll().OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
            return new SyntheticPartnership(store, null, template, rounds, agencies);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    private static SyntheticPartnership Create(string dataFile, int rounds, int casesPerRound, int agencyCount, int seed, DirectoryInfo? ownedFolder)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(casesPerRound, ModeratedCasesPerRound);
        ArgumentOutOfRangeException.ThrowIfLessThan(agencyCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(agencyCount, AgencyTable.Length);
        if (File.Exists(dataFile))
        {
            throw new InvalidOperationException($"{dataFile} already exists; a synthetic partnership starts from an empty data file.");
        }

        var store = new CaseAuditStore(dataFile);
        try
        {
            using var writer = new Writer(store, TimeProvider.System);
            var library = new TemplateLibrary(store, writer);
            var template = PublishTemplate(library);
            var agencies = AgencyTable.Take(agencyCount).Select(a => new Agency { Id = a.Id, Name = a.Name, ShortName = a.Short, Active = true }).ToList();
            writer.Write(_ => store.Agencies.InsertBulk(agencies));

            var findings = new RoundFindingsReader(store, library);
            var random = new Mix((ulong)seed);
            var made = new List<Round>(rounds);
            for (var r = 0; r < rounds; r++)
            {
                made.Add(WriteRound(store, writer, findings, template, agencies, r, casesPerRound, random));
            }

            return new SyntheticPartnership(store, ownedFolder, template, made, agencies);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Writer.Dispose();
        Store.Dispose();
        _ownedFolder?.Delete(recursive: true);
    }

    // Through the shipped-template path, so the generated YAML must pass the app's TemplateReader.
    private static AuditTemplate PublishTemplate(TemplateLibrary library)
    {
        var folder = Directory.CreateTempSubdirectory("caseaudit-synthetic-template-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, $"{TemplateId}.yaml"), TemplateYaml(), new UTF8Encoding(false));
            var problems = library.PublishShipped(folder.FullName);
            if (problems.Count > 0)
            {
                throw new InvalidOperationException("The synthetic template does not read: " + string.Join("; ", problems.Select(p => $"{p.File}:{p.Line}:{p.Column}: {p.Message}")));
            }

            return library.Parse(library.Find(TemplateId, TemplateVersion)!);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static readonly (string Id, string Title)[] Sections =
    [
        ("early-help-and-thresholds", "Early help, thresholds and information sharing"),
        ("assessment-and-history", "Assessment, history and the cumulative impact of neglect"),
        ("voice-of-the-child", "The child's voice and lived experience"),
        ("plans-and-review", "Plans, review and professional challenge"),
        ("outcomes", "Outcomes for the child"),
    ];

    private static readonly string[] QuestionStems =
    [
        "Were the signs of neglect recognised and acted on at the earliest point",
        "Were thresholds applied consistently, with the reasons for each decision recorded",
        "Was information shared promptly between agencies, including adult services",
        "Did the assessment take account of the family's history and previous involvement",
        "Was the cumulative impact of neglect on the child understood and recorded",
        "Were the child's wishes and feelings sought, recorded and acted upon",
        "Was the child seen, and seen alone where appropriate, by the professionals involved",
        "Did the plan set out clear, measurable changes with timescales based on the child's needs",
        "Were parents and carers supported and challenged where parenting was resulting in neglect",
        "Did professionals challenge each other where they disagreed about risk",
    ];

    private static string TemplateYaml()
    {
        var yaml = new StringBuilder();
        yaml.AppendLine($"id: {TemplateId}");
        yaml.AppendLine($"version: \"{TemplateVersion}\"");
        yaml.AppendLine("title: \"Synthetic neglect audit (benchmarks)\"");
        yaml.AppendLine("theme: Children living with neglect");
        yaml.AppendLine("purpose: >-");
        yaml.AppendLine("  Generated for benchmarks: thirty graded questions on the Ofsted four-point scale, each");
        yaml.AppendLine("  citing JTAI evaluation points, so workbooks and exports are measured at a realistic size.");
        yaml.AppendLine("sources:");
        yaml.AppendLine("  - id: kirklees");
        yaml.AppendLine("    document: \"Kirklees Safeguarding Children Board, Neglect Strategy 2018\"");
        yaml.AppendLine("scale:");
        yaml.AppendLine("  name: Ofsted four-point");
        yaml.AppendLine("  options: [Outstanding, Good, Requires improvement, Inadequate]");
        yaml.AppendLine("  good_or_better: [Outstanding, Good]");
        yaml.AppendLine("  not_applicable: true");
        yaml.AppendLine("  ordinal: true");
        yaml.AppendLine("sections:");
        for (var s = 0; s < Sections.Length; s++)
        {
            yaml.AppendLine($"  - id: {Sections[s].Id}");
            yaml.AppendLine($"    title: \"{Sections[s].Title}\"");
            yaml.AppendLine("    questions:");
            var perSection = QuestionsPerTemplate / Sections.Length;
            for (var q = s * perSection; q < (s + 1) * perSection; q++)
            {
                // Two points each, walking 1..11 so every point is cited by several questions.
                var first = q % JtaiEvaluationPoints.Last + 1;
                var second = (q + 4) % JtaiEvaluationPoints.Last + 1;
                yaml.AppendLine($"      - id: {QuestionId(q)}");
                yaml.AppendLine($"        text: \"{QuestionStems[q % QuestionStems.Length]} (question {q + 1} of {QuestionsPerTemplate})?\"");
                yaml.AppendLine("        guidance:");
                yaml.AppendLine("          - \"Look for the evidence in your agency's own records for the period audited.\"");
                yaml.AppendLine($"        jtai: [{Math.Min(first, second)}, {Math.Max(first, second)}]");
                yaml.AppendLine("        evidence_required: true");
                yaml.AppendLine($"        source: {{ doc: kirklees, section: \"Appendix 3, point {first}\" }}");
            }
        }

        return yaml.ToString();
    }

    public static string QuestionId(int index) => $"SN-{index + 1:00}";

    private static readonly string[] Grades = ["Outstanding", "Good", "Requires improvement", "Inadequate"];

    private static readonly string[] NotApplicableReasons =
    [
        "No contact with the police during the period audited, so there is nothing in our records to grade.",
        "The child was not of school age during the period audited.",
        "No adult mental health involvement with the parents in this period.",
        "The case was open to our service for less than two weeks; too short to judge.",
    ];

    private static readonly string[] Openers =
    [
        "Case notes from the period record", "The chronology shows", "Supervision records note", "The strategy discussion minutes show",
        "Health visitor contacts record", "School safeguarding records describe", "The core group notes evidence", "Our assessment records",
    ];

    private static readonly string[] FindingTexts =
    [
        "that concerns about home conditions were raised early and shared with social care within two working days",
        "repeated missed health appointments that were followed up, though not always escalated when the pattern continued",
        "direct work with the child using age-appropriate tools, with the child's words recorded and reflected in the plan",
        "that the family's history of previous neglect plans was considered and the cumulative impact on the child named",
        "drift of around six weeks between the referral and the first home visit, with no recorded reason for the delay",
        "that the Graded Care Profile 2 was completed jointly with the parent and repeated at review to measure change",
        "professional disagreement about threshold that was resolved through the escalation policy within a week",
        "that the child was seen alone on three occasions and their worries about food and bedtimes acted upon",
    ];

    private static readonly string[] Details =
    [
        "The plan named who would do what by when.", "Outcomes for the child improved by the end of the period.",
        "The impact on the child was not always recorded.", "Fathers were not consistently involved.",
        "Information from adult services arrived late.", "Managers' oversight is clearly recorded.",
    ];

    private static Round WriteRound(
        CaseAuditStore store, Writer writer, RoundFindingsReader findings, AuditTemplate template, IReadOnlyList<Agency> agencies,
        int index, int casesPerRound, Mix random)
    {
        var periodFrom = new DateOnly(2023, 1, 1).AddMonths(3 * index);
        var periodTo = periodFrom.AddMonths(3).AddDays(-1);
        var deadline = periodTo.AddDays(42);
        var gradingStarted = At(periodTo.AddDays(7), 9, 30);
        var panel = At(deadline.AddDays(7), 14, 0);
        var publishedAt = At(deadline.AddDays(28), 11, 15);
        var agencyIds = agencies.Select(a => a.Id).ToList();
        var round = new Round
        {
            Id = $"syn-r{index + 1:00}",
            Title = $"Neglect audit, {periodFrom:MMMM yyyy} to {periodTo:MMMM yyyy}",
            TemplateId = template.Id,
            TemplateVersion = template.Version,
            PeriodFrom = periodFrom,
            PeriodTo = periodTo,
            GradingDeadline = deadline,
            AgencyIds = agencyIds,
            Status = RoundStatus.Published,
            History =
            [
                new(RoundStatus.Draft, RoundStatus.Grading, gradingStarted, Coordinator, null),
                new(RoundStatus.Grading, RoundStatus.Panel, panel, Coordinator, null),
                new(RoundStatus.Panel, RoundStatus.Published, publishedAt, Coordinator, null),
            ],
            CreatedAt = At(periodTo.AddDays(1), 10, 5),
            CreatedBy = Coordinator,
            Version = 4,
        };

        var questions = template.Questions.Where(q => q.Answer == AnswerKind.Grade).ToList();
        var cases = new List<SampledCase>(casesPerRound);
        var returns = new List<AgencyReturn>(casesPerRound * agencyIds.Count);
        var moderations = new List<CaseModeration>();
        for (var c = 0; c < casesPerRound; c++)
        {
            var @case = new SampledCase
            {
                Id = $"{round.Id}-c{c + 1:000}",
                RoundId = round.Id,
                Reference = $"NS-{periodFrom.Year}-Q{(periodFrom.Month + 2) / 3}-{c + 1:000}",
                AgeBand = random.Pick(CaseFacts.AgeBands),
                Level = random.Pick(CaseFacts.Levels),
                Categories = [.. random.PickDistinct(CaseFacts.NeglectCategories, 1 + random.Below(2))],
                Gender = random.Pick(CaseFacts.Genders),
                EthnicityGroup = random.Pick(CaseFacts.EthnicityGroups),
                RiskFactors = [.. random.PickDistinct(CaseFacts.RiskFactors, random.Below(3))],
                AssessmentTool = random.Pick(CaseFacts.AssessmentTools),
                AgencyIds = [.. agencyIds],
            };
            // The app refuses references that look like a name, a date or an NHS number; so must we.
            if (CaseReference.Problem(@case.Reference) is { } problem)
            {
                throw new InvalidOperationException($"Synthetic case reference {@case.Reference}: {problem}");
            }

            cases.Add(@case);

            // Agencies looking at one case mostly agree: a case-level quality, then a step either way.
            var caseRank = random.Weighted([10, 45, 30, 15]);
            var caseReturns = new List<AgencyReturn>(agencyIds.Count);
            foreach (var agency in agencies)
            {
                var answers = new Dictionary<string, Answer>(questions.Count);
                foreach (var q in questions)
                {
                    answers[q.Id] = random.Below(100) < 5
                        ? new Answer { NotApplicable = true, NotApplicableReason = random.Pick(NotApplicableReasons) }
                        : new Answer { Grade = Grades[Math.Clamp(caseRank + random.Weighted([20, 60, 20]) - 1, 0, Grades.Length - 1)], Evidence = Evidence(random, agency.ShortName) };
                }

                var submitted = At(periodTo.AddDays(10 + random.Below(30)), 9 + random.Below(8), random.Below(60));
                var auditor = $"auditor.{agency.Id}";
                var r = new AgencyReturn
                {
                    Id = AgencyReturn.KeyOf(@case.Id, agency.Id),
                    RoundId = round.Id,
                    CaseId = @case.Id,
                    AgencyId = agency.Id,
                    Status = ReturnStatus.Submitted,
                    Answers = answers,
                    OverallGrade = Grades[caseRank],
                    ChildVoiceSummary = "The child said they feel safer now that there is food in the house and someone checks in after school.",
                    Version = 2 + random.Below(3),
                    UpdatedAt = submitted,
                    UpdatedBy = auditor,
                    SubmittedAt = submitted,
                    SubmittedBy = auditor,
                };
                caseReturns.Add(r);
            }

            returns.AddRange(caseReturns);
            if (c % (casesPerRound / ModeratedCasesPerRound) == 0 && moderations.Count < ModeratedCasesPerRound)
            {
                moderations.Add(Moderate(@case, caseReturns, questions, Grades[caseRank], panel.AddDays(1 + moderations.Count)));
            }
        }

        writer.Write(change =>
        {
            store.Rounds.Insert(round);
            store.Cases.InsertBulk(cases);
            store.Returns.InsertBulk(returns);
            store.Moderations.InsertBulk(moderations);
            findings.Freeze(round, publishedAt);
            change.Audit(new AuditEvent("synthetic.round-created", $"Synthetic round '{round.Title}' written for benchmarks ({cases.Count} cases, {returns.Count} returns)", null, AuditEvent.SystemActor,
                Subject: $"round:{round.Id}", After: new { cases = cases.Count, returns = returns.Count, moderated = moderations.Count }));
        });
        return round;
    }

    // The panel agrees the grade most agencies gave (the better one on a tie), or N/A if most said so.
    private static CaseModeration Moderate(SampledCase @case, List<AgencyReturn> returns, List<TemplateQuestion> questions, string overall, DateTime at)
    {
        var agreed = new Dictionary<string, AgreedGrade>(questions.Count);
        foreach (var q in questions)
        {
            var answers = returns.Select(r => r.Answers[q.Id]).ToList();
            agreed[q.Id] = answers.Count(a => a.NotApplicable) * 2 > answers.Count
                ? new AgreedGrade { NotApplicable = true, Rationale = "Most agencies had no involvement on this point in the period." }
                : new AgreedGrade
                {
                    Grade = answers.Where(a => a.Grade is not null).GroupBy(a => a.Grade!)
                        .OrderByDescending(g => g.Count()).ThenBy(g => Array.IndexOf(Grades, g.Key)).First().Key,
                };
        }

        return new CaseModeration
        {
            Id = @case.Id,
            RoundId = @case.RoundId,
            CaseId = @case.Id,
            Agreed = agreed,
            OverallGrade = overall,
            Rationale = "The panel read every agency's evidence together and agreed the grades most agencies gave, noting where records conflicted.",
            Dissents = [new Dissent { AgencyId = returns[^1].AgencyId, QuestionId = questions[0].Id, Reason = "Our records show the concern was raised a month earlier." }],
            Status = ModerationStatus.Moderated,
            Version = 2,
            UpdatedAt = at,
            UpdatedBy = Coordinator,
        };
    }

    private static string Evidence(Mix random, string agency) =>
        $"{random.Pick(Openers)} {random.Pick(FindingTexts)}. {random.Pick(Details)} ({agency} records, {random.Below(12) + 1} entries reviewed.)";

    private static DateTime At(DateOnly day, int hour, int minute) => day.ToDateTime(new TimeOnly(hour, minute), DateTimeKind.Utc);

    // SplitMix64: fixed forever, unlike System.Random's sequence for a seed.
    private sealed class Mix(ulong state)
    {
        private ulong _state = state;

        public int Below(int bound)
        {
            unchecked
            {
                _state += 0x9E3779B97F4A7C15UL;
                var z = _state;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                return (int)((z ^ (z >> 31)) % (ulong)bound);
            }
        }

        public T Pick<T>(IReadOnlyList<T> items) => items[Below(items.Count)];

        public IEnumerable<T> PickDistinct<T>(IReadOnlyList<T> items, int count) =>
            items.Select(i => (i, key: Below(1 << 30))).OrderBy(x => x.key).Take(count).Select(x => x.i).ToList();

        public int Weighted(int[] weights)
        {
            var roll = Below(weights.Sum());
            for (var i = 0; i < weights.Length; i++)
            {
                if ((roll -= weights[i]) < 0)
                {
                    return i;
                }
            }

            return weights.Length - 1;
        }
    }
}
