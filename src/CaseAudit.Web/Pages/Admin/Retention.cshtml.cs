using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Admin;

/// The closed rounds kept longer than the partnership's retention period (CaseAudit:Retention:Years),
/// for the Admin to review and delete. Every closed round is listed below them, so one can also
/// be deleted early.
[Authorize(Policy = Policies.Admin)]
public sealed class RetentionModel(CaseAuditStore store, IConfiguration configuration, TimeProvider clock) : PageModel
{
    public int Years { get; private set; }

    public IReadOnlyList<(Round Round, DateTime ClosedAt)> Due { get; private set; } = [];

    public IReadOnlyList<(Round Round, DateTime ClosedAt)> Closed { get; private set; } = [];

    public void OnGet()
    {
        Years = YearsFrom(configuration);
        var closed = store.Rounds.FindAll().Where(RoundRetention.IsClosed).ToList();
        Due = RoundRetention.DueForReview(closed, clock.GetUtcNow().UtcDateTime, Years);
        var due = Due.Select(d => d.Round.Id).ToHashSet(StringComparer.Ordinal);
        Closed = RoundRetention.DueForReview(closed, DateTime.MaxValue, 0).Where(c => !due.Contains(c.Round.Id)).ToList();
    }

    public static int YearsFrom(IConfiguration configuration) =>
        configuration.GetValue("CaseAudit:Retention:Years", RoundRetention.DefaultYears) is var years and >= 0 ? years : RoundRetention.DefaultYears;
}
