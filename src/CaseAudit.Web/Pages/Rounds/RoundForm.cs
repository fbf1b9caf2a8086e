using CaseAudit.Web.Domain;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Rounds;

/// The fields a round is planned with and corrected by (title, period, deadline, agencies), for
/// the new-round and change-round pages alike. The rules are RoundPlan's.
public class RoundInput
{
    public string? Title { get; set; }

    public DateParts PeriodFrom { get; set; } = new();

    public DateParts PeriodTo { get; set; } = new();

    public DateParts Deadline { get; set; } = new();

    public List<string> AgencyIds { get; set; } = [];

    public void Fill(Round round)
    {
        Title = round.Title;
        PeriodFrom = DateParts.From(round.PeriodFrom);
        PeriodTo = DateParts.From(round.PeriodTo);
        Deadline = DateParts.From(round.GradingDeadline);
        AgencyIds = [.. round.AgencyIds];
    }

    /// The plan as typed, or null with a message next to each field that is wrong. Between the
    /// title and the dates the new-round page checks its template, so errors stay in form order.
    public RoundPlan? Read(PageModel page, IReadOnlyCollection<string> agencies, DateOnly today, Action? afterTitle = null)
    {
        var title = Title?.Trim() ?? "";
        Add(page, RoundPlan.TitleField, RoundPlan.TitleProblem(title));
        afterTitle?.Invoke();

        var from = ReadDate(page, PeriodFrom, RoundPlan.PeriodFromField, "start of the period under review");
        var to = ReadDate(page, PeriodTo, RoundPlan.PeriodToField, "end of the period under review");
        var deadline = ReadDate(page, Deadline, RoundPlan.DeadlineField, "grading deadline");
        if (from is not null && to is not null)
        {
            Add(page, RoundPlan.PeriodToField, RoundPlan.PeriodProblem(from.Value, to.Value));
        }

        if (deadline is not null)
        {
            Add(page, RoundPlan.DeadlineField, RoundPlan.DeadlineProblem(to, deadline.Value, today));
        }

        var chosen = AgencyIds.Distinct().Intersect(agencies).ToList();
        Add(page, RoundPlan.AgenciesField, RoundPlan.AgenciesProblem(chosen));
        return page.ModelState.IsValid ? new RoundPlan(title, from!.Value, to!.Value, deadline!.Value, chosen) : null;
    }

    public static void AddErrors(PageModel page, IEnumerable<PlanProblem> problems)
    {
        foreach (var problem in problems)
        {
            Add(page, problem.Field, problem.Message);
        }
    }

    private static void Add(PageModel page, string field, string? message)
    {
        if (message is null)
        {
            return;
        }

        if (field.Length == 0)
        {
            page.ModelState.AddModelError("", message);
        }
        else
        {
            page.AddError($"Input.{field}", message);
        }
    }

    private static DateOnly? ReadDate(PageModel page, DateParts parts, string field, string what)
    {
        var (date, problem) = parts.Read(what);
        Add(page, field, problem);
        return date;
    }
}

/// What the shared round fields show: the form as typed and the agencies to choose from.
public sealed record RoundFields(RoundInput Input, IReadOnlyList<Agency> Agencies);
