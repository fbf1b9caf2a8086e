namespace CaseAudit.Web.Demo;

/// A fictional partnership to explore in Development: created only when the data file is new
/// and the environment is Development, never in Production (where the first visit is /setup).
/// Who is in it, and everything else it says, is in demo-partnership.yaml (DemoStory).
public static class DemoPartnership
{
    // Shared by every demo account and printed in the README: these accounts exist only on a
    // developer's own fresh data file.
    public const string Password = "explore-caseaudit-demo";

    private static readonly Lazy<DemoStory> Loaded = new(DemoStory.Load);

    public static DemoStory Story => Loaded.Value;

    public static IReadOnlyList<DemoAgency> Agencies => Story.Agencies;

    public static IReadOnlyList<DemoPerson> People => Story.People;
}
