using CaseAudit.Web.Data;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Security;
using Humanizer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Admin;

[Authorize(Policy = Policies.Admin)]
public sealed class UsersModel(CaseAuditStore store, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    // UserManager.Users is not supported by the LiteDB store, so the list reads the collection.
    public void OnGet()
    {
        var agencies = store.Agencies.FindAll().ToDictionary(a => a.Id, a => a.ShortName);
        var now = clock.GetUtcNow().UtcDateTime;
        Rows = [.. store.Users.FindAll()
            .OrderBy(u => u.Active ? 0 : 1)
            .ThenBy(u => u.DisplayName, StringComparer.OrdinalIgnoreCase)
            .Select(u => new Row(
                u,
                u.AgencyId is { } id ? agencies.GetValueOrDefault(id, id) : "",
                u.LastSignInAt is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc).Humanize(utcDate: true, dateToCompareAgainst: now) : "Never"))];
    }

    public sealed record Row(CaseAuditUser User, string AgencyShortName, string LastSignIn);
}
