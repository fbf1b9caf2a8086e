using Microsoft.AspNetCore.Identity;

namespace CaseAudit.Web.Identity;

public static class IdentitySetup
{
    public static void Configure(IdentityOptions o)
    {
        // Length plus a common-password check, no composition rules: NCSC's password guidance
        // and NIST SP 800-63B both say composition rules push people to "Password1!" and to
        // writing passwords down, while length and a blocklist actually stop guessing.
        o.Password.RequiredLength = 12;
        o.Password.RequireDigit = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireNonAlphanumeric = false;

        // Five tries, then a 15-minute pause: slows online guessing to a crawl without locking a
        // mistyping auditor out for the day.
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        o.Lockout.AllowedForNewUsers = true;

        // Email is optional and may be a shared team mailbox; accounts are created by an admin,
        // so there is no self-registration to confirm.
        o.User.RequireUniqueEmail = false;
        o.SignIn.RequireConfirmedAccount = false;
    }

    // The Identity core over CaseAuditStore.Users. Cookies, sign-in and authorization policies
    // are added by the web app on top of this (AddAuthentication().AddIdentityCookies(), or
    // the cookie handlers it needs), which is why this does not call AddIdentity.
    public static IdentityBuilder AddCaseAuditIdentityCore(this IServiceCollection services)
    {
        // Token providers (authenticator, password reset) protect their tokens with it.
        services.AddDataProtection();
        var builder = services.AddIdentityCore<CaseAuditUser>(Configure)
            .AddUserStore<LiteDbUserStore>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddUserValidator<AuditorAgencyValidator>()
            .AddClaimsPrincipalFactory<CaseAuditClaimsFactory>()
            .AddDefaultTokenProviders();

        // The defaults include phone and email code providers. CaseAudit sends neither texts nor
        // emails, and the phone provider throws (there is no phone store) as soon as sign-in asks
        // which two-factor providers a user has. That leaves the authenticator app for two-factor
        // and the data-protection provider for reset tokens. Runs after AddDefaultTokenProviders'
        // own Configure calls, so the entries are there to remove.
        services.Configure<IdentityOptions>(o =>
        {
            o.Tokens.ProviderMap.Remove(TokenOptions.DefaultPhoneProvider);
            o.Tokens.ProviderMap.Remove(TokenOptions.DefaultEmailProvider);
        });
        return builder;
    }
}
