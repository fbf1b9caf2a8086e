namespace CaseAudit.Web.Security;

/// Headers on every response. The CSP allows no inline script or style, so GOV.UK Frontend's
/// usual inline "js-enabled" snippet lives in /js/supported.js instead.
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static readonly string[] StaticFolders = ["/favicon.svg", "/lib/", "/css/", "/js/"];

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";

            // Pages carry case and user data: never keep them in a shared or browser cache.
            // Static assets hold nothing personal and may be cached.
            if (!StaticFolders.Any(f => context.Request.Path.StartsWithSegments(f.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        });
        await next();
    });
}
