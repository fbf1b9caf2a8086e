using System.Threading.RateLimiting;
using CaseAudit.Web.Data;
using CaseAudit.Web.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace CaseAudit.Web.Security;

/// Sign-in, cookies, authorisation, rate limits and data-protection keys in one place, so the
/// whole security posture can be read on one screen.
public static class SecuritySetup
{
    public const string SignInRateLimit = "sign-in";
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan AbsoluteTimeout = TimeSpan.FromHours(8);
    private const string SignedInAtKey = "caseaudit.signed-in-at";

    public static void AddCaseAuditSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // `dotnet run` serves plain http://localhost so nobody has to install a certificate. The
        // __Host- prefix needs Secure cookies, which ASP.NET's antiforgery refuses to issue over
        // http, so Development alone uses unprefixed cookies sent over either scheme.
        var plainHttp = builder.Environment.IsDevelopment();
        void HostOnly(CookieBuilder cookie, string name) => HostOnlyCookie(cookie, name, plainHttp);
        services.AddSingleton(sp => SecuritySettings.From(
            sp.GetRequiredService<IConfiguration>(), builder.Environment, sp.GetRequiredService<ILoggerFactory>().CreateLogger("CaseAudit.Security")));

        services.AddSingleton<AccountSignInLimiter>();
        services.AddSingleton<SessionRevocations>();
        services.AddSingleton<SignInRecords>();

        services.AddCaseAuditIdentityCore().AddSignInManager();
        // Deactivated people must not sign in: Identity's "confirmed account" hook is the check
        // it runs for every sign-in, password or two-factor.
        services.Configure<IdentityOptions>(o => o.SignIn.RequireConfirmedAccount = true);
        services.AddScoped<IUserConfirmation<CaseAuditUser>, ActiveUserConfirmation>();

        // Keys beside the data file, so a restart does not sign everyone out.
        services.AddOptions<KeyManagementOptions>().Configure<AppPaths, ILoggerFactory>((o, paths, logs) =>
            o.XmlRepository = new FileSystemXmlRepository(
                new DirectoryInfo(Path.Combine(Path.GetDirectoryName(paths.DataFile)!, "keys")), logs));

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            HostOnly(o.Cookie, "__Host-CaseAudit");
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = IdleTimeout;
            o.SlidingExpiration = true;
            o.LoginPath = "/sign-in";
            o.LogoutPath = "/sign-out";
            o.ReturnUrlParameter = "returnUrl";
            // A 403 status (shown by the error page), not a redirect: a crafted request for
            // someone else's page is refused, not bounced around.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            o.Events.OnSigningIn = context =>
            {
                var now = context.Options.TimeProvider?.GetUtcNow() ?? DateTimeOffset.UtcNow;
                context.Properties.Items.TryAdd(SignedInAtKey, now.ToUnixTimeSeconds().ToString());
                context.Properties.Items.TryAdd(SessionRevocations.SessionKey, SessionRevocations.NewId());
                return Task.CompletedTask;
            };
            o.Events.OnValidatePrincipal = async context =>
            {
                // However active the person is, a session ends 8 hours after sign-in.
                var now = context.Options.TimeProvider?.GetUtcNow() ?? DateTimeOffset.UtcNow;
                if (context.Properties.Items.TryGetValue(SignedInAtKey, out var at) && long.TryParse(at, out var seconds)
                    && now - DateTimeOffset.FromUnixTimeSeconds(seconds) > AbsoluteTimeout)
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }

                // Signed out (or issued before sessions had ids): a replayed copy gets nowhere.
                if (!context.Properties.Items.TryGetValue(SessionRevocations.SessionKey, out var session) || session is null
                    || context.HttpContext.RequestServices.GetRequiredService<SessionRevocations>().IsRevoked(session))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }

                await SecurityStampValidator.ValidatePrincipalAsync(context);
            };
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            HostOnly(o.Cookie, "__Host-CaseAudit-2fa");
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, o => HostOnly(o.Cookie, "__Host-CaseAudit-2fa-remember"));
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.ExternalScheme, o => HostOnly(o.Cookie, "__Host-CaseAudit-external"));

        // Checked on every request, so a password, role or deactivation change signs the
        // person's other sessions out at once.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);

        services.AddAntiforgery(o =>
        {
            HostOnly(o.Cookie, "__Host-CaseAudit-Antiforgery");
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.Configure<CookieTempDataProviderOptions>(o =>
        {
            HostOnly(o.Cookie, "__Host-CaseAudit-TempData");
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

        services.AddAuthorization(Policies.Configure);
        services.AddSingleton<IAuthorizationHandler, SameAgencyHandler>();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Per client as the forwarded headers resolved it (see UseCaseAuditSecurity); the
            // per-account half is AccountSignInLimiter, applied once the form is read.
            o.AddPolicy(SignInRateLimit, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<SecuritySettings>().SignInAttemptsPerClientPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("reads"));
        });

        services.AddScoped<AccountGateFilter>();
        services.Configure<MvcOptions>(o =>
        {
            o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
            o.Filters.AddService<AccountGateFilter>();
            o.Filters.Add(new MissingHandlerFilter());
        });
    }

    public static void UseCaseAuditSecurity(this WebApplication app)
    {
        // Behind a TLS-terminating reverse proxy the request arrives as http from the proxy's
        // address; its X-Forwarded-Proto restores https (so Secure cookies are issued) and its
        // X-Forwarded-For gives the person's address (for the sign-in limit and the audit trail).
        // Both are believed only from the proxy: anyone else could claim any address.
        app.UseForwardedHeaders(ForwardedHeaders(app.Services.GetRequiredService<SecuritySettings>()));
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.Use(async (context, next) =>
            {
                // Outside Development every cookie is Secure, so plain http cannot work: say so
                // plainly instead of failing on the first form.
                if (!context.Request.IsHttps && !context.Request.Path.StartsWithSegments("/health"))
                {
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    context.Response.ContentType = "text/plain; charset=utf-8";
                    await context.Response.WriteAsync("CaseAudit must be served over HTTPS outside Development. Configure a certificate for Kestrel or a reverse proxy that sends X-Forwarded-Proto (see README), or run with ASPNETCORE_ENVIRONMENT=Development to try it locally.");
                    return;
                }

                await next(context);
            });
        }

        app.UseSecurityHeaders();
        app.UseMiddleware<FirstRunSetupRedirect>();
    }

    // Without CaseAudit:KnownProxies only a proxy on this machine (loopback) is believed, which
    // is ASP.NET's default and the set-up the README describes; naming proxies replaces it.
    internal static ForwardedHeadersOptions ForwardedHeaders(SecuritySettings settings)
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto,
            // One proxy: only the address it appended counts, not what the client wrote before it.
            ForwardLimit = 1,
        };
        if (settings.KnownProxies.Count > 0)
        {
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var proxy in settings.KnownProxies)
            {
                options.KnownProxies.Add(proxy);
            }
        }

        return options;
    }

    // __Host- cookies must be Secure, host-only and for the whole site; browsers refuse them
    // otherwise.
    private static void HostOnlyCookie(CookieBuilder cookie, string name, bool plainHttp)
    {
        cookie.Name = plainHttp ? name.Replace("__Host-", "", StringComparison.Ordinal) : name;
        cookie.SecurePolicy = plainHttp ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        cookie.HttpOnly = true;
        cookie.Path = "/";
        cookie.Domain = null;
        cookie.IsEssential = true;
    }
}

/// Identity's per-sign-in check: only active (not deactivated) accounts may sign in.
public sealed class ActiveUserConfirmation : IUserConfirmation<CaseAuditUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<CaseAuditUser> manager, CaseAuditUser user) => Task.FromResult(user.Active);
}

/// A new installation has no users: until the first Admin exists, every page leads to /setup.
public sealed class FirstRunSetupRedirect(RequestDelegate next)
{
    private volatile bool _hasUsers;

    public async Task InvokeAsync(HttpContext context, CaseAuditStore store)
    {
        var path = context.Request.Path;
        var exempt = !HttpMethods.IsGet(context.Request.Method) || Path.HasExtension(path.Value)
            || path.StartsWithSegments("/setup") || path.StartsWithSegments("/health") || path.StartsWithSegments("/error");
        if (!_hasUsers && !exempt)
        {
            _hasUsers = store.Users.Count() > 0;
            if (!_hasUsers)
            {
                context.Response.Redirect("/setup");
                return;
            }
        }

        await next(context);
    }
}
