using System.Net;
using CaseAudit.Web.Identity;

namespace CaseAudit.Web.Security;

/// Security switches that depend on configuration and environment, decided once at startup.
public sealed record SecuritySettings(
    bool RequireMfa,
    int SignInAttemptsPerClientPerMinute,
    int SignInAttemptsPerAccountPerMinute,
    IReadOnlyList<IPAddress> KnownProxies)
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

        return new SecuritySettings(
            requireMfa,
            // Generous per client, because until KnownProxies names the proxy everyone behind
            // it is one client; tight per account, which is what guessing a password needs.
            Math.Max(1, configuration.GetValue("CaseAudit:SignInAttemptsPerClientPerMinute", 30)),
            Math.Max(1, configuration.GetValue("CaseAudit:SignInAttemptsPerAccountPerMinute", 10)),
            ParseProxies(configuration.GetValue<string>("CaseAudit:KnownProxies")));
    }

    public bool MfaRequiredFor(CaseAuditUser user) => RequireMfa && user.Roles.Any(r => MfaRoles.Contains(r));

    // A typo here would silently trust nobody (or the wrong machine), so it stops the start.
    private static IPAddress[] ParseProxies(string? value) =>
        [.. (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => IPAddress.TryParse(p, out var address)
                ? address
                : throw new InvalidOperationException($"CaseAudit:KnownProxies: '{p}' is not an IP address. Give the reverse proxy's addresses, comma-separated, e.g. 10.0.0.2,::1."))];
}
