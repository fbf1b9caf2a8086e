using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;
using CaseAudit.Web.Templates;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CaseAudit.Web.Security;

/// Everything a return page shows, loaded once the person is allowed to see it.
public sealed record ReturnContext(AgencyReturn Return, Round Round, SampledCase Case, AuditTemplate Template, string AgencyName);

/// Finds a return and checks, on the server, that the signed-in person's agency owns it.
/// A refusal is a 403 and is written to the audit trail: a crafted URL to another agency's
/// return is exactly what blind grading must stop.
public sealed class ReturnAccess(CaseAuditStore store, TemplateLibrary templates, IAuthorizationService authorization, AuditTrail trail)
{
    public async Task<(ReturnContext? Context, IActionResult? Refusal)> LoadAsync(HttpContext http, string? returnId)
    {
        // Form values bind before route values, so a posted empty "id" arrives here as null.
        if (string.IsNullOrEmpty(returnId)
            || store.Returns.FindById(returnId) is not { } ret
            || store.Rounds.FindById(ret.RoundId) is not { } round
            || store.Cases.FindById(ret.CaseId) is not { } sampled
            || templates.TemplateOf(round.TemplateId, round.TemplateVersion) is not { } template)
        {
            return (null, new NotFoundResult());
        }

        if (!(await authorization.AuthorizeAsync(http.User, ret, Policies.AgencyRecord)).Succeeded)
        {
            await trail.AppendAsync(http.Event("access.refused", $"{http.User.Identity?.Name} was refused {http.Request.Method} {http.Request.Path}: the return belongs to {ret.AgencyId}", $"return:{ret.Id}"));
            return (null, new ForbidResult());
        }

        var agencyName = store.Agencies.FindById(ret.AgencyId)?.Name ?? ret.AgencyId;
        return (new ReturnContext(ret, round, sampled, template, agencyName), null);
    }
}
