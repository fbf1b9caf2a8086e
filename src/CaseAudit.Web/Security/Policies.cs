using CaseAudit.Web.Identity;
using Microsoft.AspNetCore.Authorization;

namespace CaseAudit.Web.Security;

/// Who may use what. Every page model names one of these with [Authorize(Policy = ...)] (or
/// [AllowAnonymous] for the short list of public pages); anything that names nothing still
/// needs a signed-in user through the fallback policy.
public static class Policies
{
    public const string SignedIn = "SignedIn";
    public const string Admin = "Admin";
    public const string Coordinator = "Coordinator";
    public const string Auditor = "Auditor";
    public const string Board = "Board";

    /// The partnership's exports page: the Coordinator and the board (each gets their own copy).
    public const string Exports = "Exports";

    /// Coordinators run rounds across agencies; an Auditor's records must be their agency's.
    public const string AgencyRecord = "AgencyRecord";

    public static void Configure(AuthorizationOptions options)
    {
        var signedIn = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.FallbackPolicy = signedIn;
        options.AddPolicy(SignedIn, signedIn);
        options.AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin));
        options.AddPolicy(Coordinator, p => p.RequireAuthenticatedUser().RequireRole(Roles.Coordinator));
        options.AddPolicy(Auditor, p => p.RequireAuthenticatedUser().RequireRole(Roles.Auditor));
        options.AddPolicy(Board, p => p.RequireAuthenticatedUser().RequireRole(Roles.Board));
        options.AddPolicy(Exports, p => p.RequireAuthenticatedUser().RequireRole(Roles.Coordinator, Roles.Board));
        options.AddPolicy(AgencyRecord, p => p.RequireAuthenticatedUser().AddRequirements(new SameAgencyRequirement()));
    }
}
