using System.Text;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;

namespace CaseAudit.Web.Demo;

/// What the demo's auditors type into their returns and what the panel agrees, made up from the
/// phrase banks of demo-partnership.yaml. Every choice comes from a hash of its name, never from
/// System.Random: two fresh data files seeded on the same day hold the same answers, and a bug
/// report about "case NS-2026-004" means the same case on every machine.
public sealed class DemoAnswers(DemoStory story, AuditTemplate template)
{
    // A case that used none of CaseFacts.AssessmentTools (SampledCase's default).
    private static readonly string NoTool = new SampledCase().AssessmentTool;

    private readonly Dictionary<string, string> _sectionOf =
        template.Sections.SelectMany(s => s.Questions.Select(q => (q.Id, Section: s.Id))).ToDictionary(x => x.Id, x => x.Section);

    /// Every graded question answered with evidence (or "Not applicable" with a reason), an
    /// overall grade and the child's voice: what ReturnRules.ForSubmit asks for.
    public AgencyReturn Complete(DemoRoundStory round, SampledCase c, string agency)
    {
        var r = Empty(c, agency);
        var qualities = new List<double>();
        foreach (var q in template.Questions)
        {
            var key = $"{r.Id}.{q.Id}";
            if (q.Answer == AnswerKind.Text)
            {
                // Practitioners and families are not always asked; some returns leave these blank.
                if (Unit(key + ".asked") < 0.45 && story.TextAnswers.TryGetValue(q.Id, out var texts))
                {
                    r.Answers[q.Id] = new Answer { Text = texts[Pick(key + ".text", texts.Count)] };
                }

                continue;
            }

            if (NotApplicableReason(q, c, agency) is { } reason)
            {
                r.Answers[q.Id] = new Answer { NotApplicable = true, NotApplicableReason = reason };
                continue;
            }

            var quality = Quality(round, c, agency, q.Id);
            qualities.Add(quality);
            r.Answers[q.Id] = Graded(q, c, agency, key, quality);
        }

        r.OverallGrade = GradeFor(qualities.Count == 0 ? 1.5 : qualities.Average());
        r.ChildVoiceSummary = ChildVoice(c, agency, r.Id);
        return r;
    }

    /// The first few questions answered, the rest still to do; the last answered one sometimes
    /// has a grade but no evidence yet, as a draft would.
    public AgencyReturn Partial(DemoRoundStory round, SampledCase c, string agency)
    {
        var r = Empty(c, agency);
        var graded = template.Questions.Where(q => q.Answer == AnswerKind.Grade).ToList();
        var answered = 3 + Pick(r.Id + ".answered", Math.Max(1, graded.Count / 2));
        foreach (var q in graded.Take(answered))
        {
            var key = $"{r.Id}.{q.Id}";
            r.Answers[q.Id] = NotApplicableReason(q, c, agency) is { } reason
                ? new Answer { NotApplicable = true, NotApplicableReason = reason }
                : Graded(q, c, agency, key, Quality(round, c, agency, q.Id));
        }

        if (graded.Take(answered).LastOrDefault() is { } last && Unit(r.Id + ".unfinished") < 0.5 && r.Answers[last.Id].Grade is not null)
        {
            r.Answers[last.Id].Evidence = null;
            r.Answers[last.Id].Strengths = null;
            r.Answers[last.Id].Better = null;
        }

        return r;
    }

    /// The panel's view of one case after reading every agency's submitted return side by side:
    /// for each question the middle of the agencies' grades (the more cautious of the two middle
    /// ones), "Not applicable" where every agency found it so, and the story's notes, rationale
    /// and dissent. A draft holds the grades only, as a panel's first pass would.
    public CaseModeration Moderation(SampledCase c, IReadOnlyList<AgencyReturn> submitted, DemoModeration? notes, bool complete)
    {
        var m = new CaseModeration { Id = c.Id, RoundId = c.RoundId, CaseId = c.Id };
        foreach (var q in template.Questions.Where(q => q.Answer == AnswerKind.Grade))
        {
            var answers = submitted.Select(r => r.Answers.GetValueOrDefault(q.Id)).OfType<Answer>().ToList();
            var grade = Middle(answers.Select(a => a.Grade));
            var agreed = grade is not null
                ? new AgreedGrade { Grade = grade }
                : new AgreedGrade { NotApplicable = true, Rationale = answers.FirstOrDefault(a => a.NotApplicable)?.NotApplicableReason };
            if (complete && notes?.Notes.GetValueOrDefault(q.Id) is { } note)
            {
                agreed.Rationale = note;
            }

            m.Agreed[q.Id] = agreed;
        }

        m.OverallGrade = Middle(submitted.Select(r => r.OverallGrade));
        if (complete && notes is not null)
        {
            m.Rationale = notes.Rationale;
            m.Dissents = [.. notes.Dissent.Select(d => new Dissent { AgencyId = d.Agency, QuestionId = d.Question, Reason = d.Reason })];
        }

        return m;
    }

    private string? Middle(IEnumerable<string?> grades)
    {
        var ranks = grades.OfType<string>().Select(template.Scale.Rank).Where(r => r >= 0).Order().ToList();
        return ranks.Count == 0 ? null : template.Scale.Options[ranks[ranks.Count / 2]];
    }

    private static AgencyReturn Empty(SampledCase c, string agency) => new()
    {
        Id = AgencyReturn.KeyOf(c.Id, agency),
        RoundId = c.RoundId,
        CaseId = c.Id,
        AgencyId = agency,
    };

    private Answer Graded(TemplateQuestion q, SampledCase c, string agency, string key, double quality)
    {
        var good = quality >= 1.5;
        var findings = story.Question(q.Id);
        var options = good ? findings.Good : findings.Weak;
        var finding = options[Pick(key + ".evidence", options.Count)];

        // Auditors name the records they read now and then, not on every answer.
        var evidence = Unit(key + ".source") < 0.3 ? $"{story.Agency(agency).Records} {finding}" : finding;

        // One question per return says how a risk factor in the family shows in the record, and
        // only where practice was weak: repeated on every answer it would read like a template.
        var returnKey = key[..key.LastIndexOf('.')];
        var detailQuestions = story.RiskDetailQuestions;
        if (!good && c.RiskFactors.Count > 0 && detailQuestions.Count > 0 && q.Id == detailQuestions[Pick(returnKey + ".detail", detailQuestions.Count)])
        {
            evidence += " " + story.RiskDetail[c.RiskFactors[Pick(returnKey + ".risk", c.RiskFactors.Count)]];
        }

        var answer = new Answer { Grade = GradeFor(quality), Evidence = evidence };
        if (Unit(key + ".note") < 0.3)
        {
            if (good)
            {
                answer.Strengths = story.Strengths[Pick(key + ".strength", story.Strengths.Count)];
            }
            else
            {
                answer.Better = findings.Better;
            }
        }

        return answer;
    }

    public string? NotApplicableReason(TemplateQuestion q, SampledCase c, string agency)
    {
        if (!template.Scale.AllowsNotApplicable || story.Question(q.Id).NotApplicable is not { } na)
        {
            return null;
        }

        var notAtThatAge = na.UnlessAge.Count > 0 && !na.UnlessAge.Contains(Stage(c))
            && (na.UnlessCategory is null || !c.Categories.Contains(na.UnlessCategory));
        var noToolHere = na.WhenNoToolWasUsed && c.AssessmentTool == NoTool && !story.Agency(agency).UsesNeglectTools;
        return notAtThatAge || noToolHere ? na.Reason : null;
    }

    // 0 = Inadequate ... 3 = Outstanding: the question's typical practice, the agency's lean, the
    // round's improvement, how well this case went overall, and some noise for each answer.
    private double Quality(DemoRoundStory round, SampledCase c, string agency, string questionId)
    {
        var question = story.Question(questionId);
        var typical = c.AssessmentTool == NoTool && question.QualityWithoutTool is { } without ? without : question.Quality;
        var improvement = round.ImprovementIn(_sectionOf.GetValueOrDefault(questionId, ""));
        var caseShift = (Unit(c.Id + ".practice") - 0.5) * 0.8;
        var noise = (Unit($"{c.Id}.{agency}.{questionId}.grade") - 0.5) * 1.4;
        return Math.Clamp(typical + story.Agency(agency).Practice + improvement + caseShift + noise, 0, 3);
    }

    // Options are best first; a quality of 3 is the first option.
    private string GradeFor(double quality)
    {
        var options = template.Scale.Options;
        var index = Math.Clamp(3 - (int)Math.Round(quality, MidpointRounding.AwayFromZero), 0, options.Count - 1);
        return options[index];
    }

    private string ChildVoice(SampledCase c, string agency, string key)
    {
        var bank = story.ChildVoice[Stage(c)];
        var text = bank[Pick(key + ".voice", bank.Count)];
        return story.Agency(agency).VoiceNote is { } note && Unit(key + ".agency-voice") < 0.6 ? $"{text} {note}" : text;
    }

    private string Stage(SampledCase c) => story.AgeStages[CaseFacts.AgeBands.ToList().IndexOf(c.AgeBand)];

    /// A number in [0, 1) fixed by the name of the choice: FNV-1a over the UTF-8 name, then the
    /// SplitMix64 finaliser to spread nearby names. Stable across runs, machines and .NET versions.
    public static double Unit(string name)
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

    public static int Pick(string name, int count) => Math.Min(count - 1, (int)(Unit(name) * count));
}
