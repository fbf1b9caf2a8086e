using CaseAudit.Web.Domain.Actions;
using CaseAudit.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Actions;

/// The fields of a plan action as typed, kept as typed so a mistake is shown back.
public sealed class ActionInput
{
    public string? Workstream { get; set; }

    public string? Aim { get; set; }

    public string? Activity { get; set; }

    public string? LeadName { get; set; }

    public string? LeadAgencyId { get; set; }

    public DateParts Timescale { get; set; } = new();

    public List<string> LearningPointIds { get; set; } = [];

    public static ActionInput From(PlanAction a) => new()
    {
        Workstream = a.Workstream, Aim = a.Aim, Activity = a.Activity, LeadName = a.LeadName, LeadAgencyId = a.LeadAgencyId,
        Timescale = DateParts.From(a.Timescale), LearningPointIds = [.. a.LearningPointIds],
    };

    /// Adds an error beside each field that is wrong (prefix "Input."), in form order; the timescale when all is well.
    public DateOnly? Check(PageModel page, IReadOnlyCollection<string> agencies)
    {
        var problems = ActionRules.Problems(Workstream, Aim, Activity, LeadName, LeadAgencyId, agencies).ToDictionary(p => p.Field, p => p.Message);
        foreach (var field in new[] { "Workstream", "Aim", "Activity", "LeadName", "LeadAgencyId" })
        {
            if (problems.TryGetValue(field, out var message))
            {
                page.AddError($"Input.{field}", message);
            }
        }

        var (date, problem) = Timescale.Read("timescale");
        if (problem is not null)
        {
            page.AddError("Input.Timescale", problem);
        }

        return date;
    }

    public void ApplyTo(PlanAction a, DateOnly timescale, IEnumerable<string> learningPointIds)
    {
        // Only learning points of the round: a crafted id is dropped, not stored.
        a.LearningPointIds = LearningPointIds.Intersect(learningPointIds).ToList();
        a.Workstream = Workstream!;
        a.Aim = Aim!.Trim();
        a.Activity = Activity!.Trim();
        a.LeadName = LeadName!.Trim();
        a.LeadAgencyId = LeadAgencyId!;
        a.Timescale = timescale;
    }
}
