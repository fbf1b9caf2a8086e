using CaseAudit.Web.Identity;

namespace CaseAudit.Web.Security;

/// Security switches that depend on configuration and environment, decided once at startup.
public sealed record SecuritySettings(bool RequireMfa, int SignInAttemptsPerMinute)
{
    // Roles that can change who sees what (Admin) or run every agency's audit (Coordinator).
    public static readonly string[] MfaRoles = [Roles.Admin, Roles.Coordinator];

    public static SecuritySettings From(IConfiguration configuration, IHostEnvironment environment, ILogger logger)
    {
        var requireMfa = configuration.GetValue("CaseAudit:RequireMfa", true);
        if (!requireMfa && !environment.IsDevelopment())
        {
            // Switching MFA off is a developer convenience; a live system never honours it.
            logger.LogWarning("CaseAudit:RequireMfa=false is ignored outside Development; two-factor sign-in stays required for Admin and Coordinator.");
            requireMfa = true;
        }

        return new SecuritySettings(requireMfa, Math.Max(1, configuration.GetValue("CaseAudit:SignInAttemptsPerMinute", 10)));
    }

    public bool MfaRequiredFor(CaseAuditUser user) => RequireMfa && user.Roles.Any(r => MfaRoles.Contains(r));
}
