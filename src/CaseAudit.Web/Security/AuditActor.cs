using System.Security.Claims;
using CaseAudit.Web.Data;
using CaseAudit.Web.Identity;

namespace CaseAudit.Web.Security;

/// Builds audit events for the signed-in person making the request, so every handler records
/// who, from where, in the same way.
public static class AuditActor
{
    public static Actor Actor(this HttpContext http)
    {
        var user = http.User;
        var signedIn = user.Identity?.IsAuthenticated == true;
        return new Actor(
            signedIn ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null,
            signedIn ? user.Identity!.Name ?? AuditEvent.AnonymousActor : AuditEvent.AnonymousActor,
            signedIn ? user.FindFirstValue(CaseAuditClaimTypes.Agency) : null,
            http.Connection.RemoteIpAddress?.ToString());
    }

    public static AuditEvent Event(this HttpContext http, string type, string summary, string? subject = null, object? before = null, object? after = null) =>
        http.Actor().Did(type, summary, subject, before, after);

    /// An event done by (or to) a user who is not signed in yet: sign-in attempts, setup.
    public static AuditEvent EventFor(this HttpContext http, CaseAuditUser? user, string attemptedName, string type, string summary, object? after = null) =>
        new(type, summary, user?.Id, user?.UserName ?? attemptedName, user?.AgencyId, user is null ? null : UserSubject(user), null, after,
            http.Connection.RemoteIpAddress?.ToString());

    public static string UserSubject(CaseAuditUser user) => $"user:{user.Id}";
}
