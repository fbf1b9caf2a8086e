using System.Globalization;
using System.Reflection;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CaseAudit.Web.Demo;

/// The demo's data file, demo-partnership.yaml, as read: every word the demo shows (agencies,
/// people, rounds, cases, evidence, the panel's notes, learning, actions, progress) lives there,
/// so DemoSeed is only the steps. Embedded in the assembly like the common-passwords list.
public sealed class DemoStory
{
    public const string ResourceName = "CaseAudit.Web.Demo.demo-partnership.yaml";

    public List<DemoAgency> Agencies { get; set; } = [];

    public List<DemoPerson> People { get; set; } = [];

    /// Horwath's stage names, in the order of CaseFacts.AgeBands: cases and the child's-voice
    /// bank name a stage, so the file holds no age-band text of its own to drift from the app's.
    public List<string> AgeStages { get; set; } = [];

    public DemoRoundStory Published { get; set; } = new();

    public DemoRoundStory Grading { get; set; } = new();

    public Dictionary<string, DemoQuestion> Questions { get; set; } = [];

    /// For a question the file has no entry for (a later template version).
    public DemoQuestion OtherQuestions { get; set; } = new();

    public List<string> RiskDetailQuestions { get; set; } = [];

    public Dictionary<string, string> RiskDetail { get; set; } = [];

    public List<string> Strengths { get; set; } = [];

    public Dictionary<string, List<string>> TextAnswers { get; set; } = [];

    public Dictionary<string, List<string>> ChildVoice { get; set; } = [];

    public DemoAgency Agency(string id) => Agencies.Single(a => a.Id == id);

    public DemoQuestion Question(string id) => Questions.GetValueOrDefault(id) ?? OtherQuestions;

    public static DemoStory Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing; check CaseAudit.Web.csproj.");
        using var reader = new StreamReader(stream);
        return Read(reader.ReadToEnd());
    }

    // Unknown keys are refused rather than skipped, so a typo in the file fails the demo tests.
    private static DemoStory Read(string yaml) =>
        new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build().Deserialize<DemoStory>(yaml);

    public static DateOnly Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

public sealed class DemoAgency
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string ShortName { get; set; } = "";

    /// What its auditors say they read, put before some of their evidence.
    public string Records { get; set; } = "";

    /// How its practice leans, in grade steps (+ better, − weaker).
    public double Practice { get; set; }

    /// False for agencies that never complete a neglect assessment tool themselves.
    public bool UsesNeglectTools { get; set; } = true;

    /// Added to some of its auditors' notes on the child's voice.
    public string? VoiceNote { get; set; }
}

public sealed record DemoPerson
{
    public string UserName { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public List<string> Roles { get; set; } = [];

    public string? AgencyId { get; set; }

    public string? Email { get; set; }
}

public sealed class DemoRoundStory
{
    public string Id { get; set; } = "";

    /// The audit template's id; the round takes its latest version.
    public string Template { get; set; } = "";

    /// {from} and {to} stand for the period's months, for a round whose period moves with today.
    public string Title { get; set; } = "";

    public string? PeriodFrom { get; set; }

    public string? PeriodTo { get; set; }

    public List<string> Agencies { get; set; } = [];

    /// How much better practice is than in the published round, in grade steps, by template
    /// section (the rest by `default`): the trend the repeat audit shows.
    public Dictionary<string, double> Improvement { get; set; } = [];

    public List<DemoCase> Cases { get; set; } = [];

    public List<DemoConcern> Concerns { get; set; } = [];

    /// By case reference.
    public Dictionary<string, DemoModeration> Moderation { get; set; } = [];

    public List<DemoLearning> Learning { get; set; } = [];

    public List<DemoAction> Actions { get; set; } = [];

    public List<DemoCaseAction> CaseActions { get; set; } = [];

    public double ImprovementIn(string sectionId) =>
        Improvement.TryGetValue(sectionId, out var shift) ? shift : Improvement.GetValueOrDefault("default");
}

public sealed class DemoCase
{
    public string Reference { get; set; } = "";

    public string Age { get; set; } = "";

    public string Level { get; set; } = "";

    public List<string> Categories { get; set; } = [];

    public string Gender { get; set; } = "";

    public string Ethnicity { get; set; } = "";

    public List<string> Risks { get; set; } = [];

    public string Tool { get; set; } = "";

    public List<string> Agencies { get; set; } = [];
}

public sealed class DemoQuestion
{
    /// Typical practice on the 0 (Inadequate) to 3 (Outstanding) scale.
    public double Quality { get; set; } = 1.5;

    /// Typical practice where the case used no neglect assessment tool, when that matters.
    public double? QualityWithoutTool { get; set; }

    public List<string> Good { get; set; } = [];

    public List<string> Weak { get; set; } = [];

    public string Better { get; set; } = "";

    public DemoNotApplicable? NotApplicable { get; set; }
}

/// When an auditor answers "Not applicable", and the reason they give.
public sealed class DemoNotApplicable
{
    public string Reason { get; set; } = "";

    /// Not applicable unless the child is at one of these stages or the case has this category.
    public List<string> UnlessAge { get; set; } = [];

    public string? UnlessCategory { get; set; }

    /// Not applicable for an agency that uses no neglect tools, on a case that used none.
    public bool WhenNoToolWasUsed { get; set; }
}

public sealed class DemoConcern
{
    public string Case { get; set; } = "";

    public string Agency { get; set; } = "";

    public string WhatWasSeen { get; set; } = "";

    public string ActionTaken { get; set; } = "";

    public string? FollowUp { get; set; }
}

public sealed class DemoModeration
{
    public string Rationale { get; set; } = "";

    /// The panel's note on a question, by question id: why it agreed a grade some agency did not give.
    public Dictionary<string, string> Notes { get; set; } = [];

    public List<DemoDissent> Dissent { get; set; } = [];
}

public sealed class DemoDissent
{
    public string Agency { get; set; } = "";

    /// Null for the overall grade.
    public string? Question { get; set; }

    public string Reason { get; set; } = "";
}

public sealed class DemoLearning
{
    /// How actions in the file refer to it.
    public string Key { get; set; } = "";

    /// "strength" or "area for development".
    public string Kind { get; set; } = "";

    public string Text { get; set; } = "";

    public List<string> Questions { get; set; } = [];

    public List<string> Cases { get; set; } = [];
}

public sealed class DemoAction
{
    public string Workstream { get; set; } = "";

    public string Aim { get; set; } = "";

    public string Activity { get; set; } = "";

    public string Lead { get; set; } = "";

    public string LeadAgency { get; set; } = "";

    /// The timescale, in weeks after the round was published.
    public int DueWeeks { get; set; }

    public List<string> Answers { get; set; } = [];

    public List<DemoProgress> Progress { get; set; } = [];

    /// Closed this many weeks after publishing; null while still open.
    public int? ClosedWeek { get; set; }
}

public sealed class DemoProgress
{
    /// Weeks after the round was published.
    public int Week { get; set; }

    public string Rag { get; set; } = "";

    public string Text { get; set; } = "";
}

public sealed class DemoCaseAction
{
    public string Case { get; set; } = "";

    public string Agency { get; set; } = "";

    public string What { get; set; } = "";

    /// Weeks after the panel met.
    public int DueWeeks { get; set; }

    /// Marked done by the agency's auditor this many weeks after the panel; null while open.
    public int? DoneWeek { get; set; }
}
