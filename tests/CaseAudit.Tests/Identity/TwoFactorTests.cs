using CaseAudit.Web.Identity;
using Microsoft.AspNetCore.Identity;
using OtpNet;
using static CaseAudit.Tests.Identity.IdentityHarness;

namespace CaseAudit.Tests.Identity;

public sealed class TwoFactorTests : IDisposable
{
    private readonly IdentityHarness _identity = new();

    public void Dispose() => _identity.Dispose();

    private string Authenticator => _identity.Users.Options.Tokens.AuthenticatorTokenProvider;

    [Fact]
    public async Task A_code_from_the_authenticator_app_verifies_and_a_wrong_code_does_not()
    {
        var user = await _identity.CreateUserAsync();
        AssertSucceeded(await _identity.Users.ResetAuthenticatorKeyAsync(user));
        var key = await _identity.NewUserManager().GetAuthenticatorKeyAsync((await _identity.NewUserManager().FindByIdAsync(user.Id))!);
        Assert.False(string.IsNullOrEmpty(key));

        // Computed independently of ASP.NET Core, as the user's phone would.
        var totp = new Totp(Base32Encoding.ToBytes(key));
        var code = totp.ComputeTotp();

        Assert.True(await _identity.Users.VerifyTwoFactorTokenAsync(user, Authenticator, code));

        // Any code valid in a nearby time step could legitimately be accepted, so the wrong code
        // is one that no step from a few minutes either side produces.
        var nearby = Enumerable.Range(-5, 11).Select(step => totp.ComputeTotp(DateTime.UtcNow.AddSeconds(step * 30))).ToHashSet();
        var wrong = Enumerable.Range(0, 1_000_000).Select(n => n.ToString("D6")).First(c => !nearby.Contains(c));
        Assert.False(await _identity.Users.VerifyTwoFactorTokenAsync(user, Authenticator, wrong));
    }

    [Fact]
    public async Task Resetting_the_authenticator_key_makes_the_old_key_useless()
    {
        var user = await _identity.CreateUserAsync();
        AssertSucceeded(await _identity.Users.ResetAuthenticatorKeyAsync(user));
        var oldKey = (await _identity.Users.GetAuthenticatorKeyAsync(user))!;

        AssertSucceeded(await _identity.Users.ResetAuthenticatorKeyAsync(user));

        Assert.NotEqual(oldKey, await _identity.Users.GetAuthenticatorKeyAsync(user));
        var oldCode = new Totp(Base32Encoding.ToBytes(oldKey)).ComputeTotp();
        Assert.False(await _identity.Users.VerifyTwoFactorTokenAsync(user, Authenticator, oldCode));
    }

    [Fact]
    public async Task A_recovery_code_works_once_and_fails_the_second_time()
    {
        var user = await _identity.CreateUserAsync();
        var codes = (await _identity.Users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();
        Assert.Equal(10, codes.Count);

        var users = _identity.NewUserManager();
        var loaded = (await users.FindByIdAsync(user.Id))!;
        AssertSucceeded(await users.RedeemTwoFactorRecoveryCodeAsync(loaded, codes[3]));
        Assert.False((await users.RedeemTwoFactorRecoveryCodeAsync(loaded, codes[3])).Succeeded);

        // And from a fresh load, so the use was saved, not only remembered in memory.
        var later = _identity.NewUserManager();
        var reloaded = (await later.FindByIdAsync(user.Id))!;
        Assert.False((await later.RedeemTwoFactorRecoveryCodeAsync(reloaded, codes[3])).Succeeded);
        Assert.Equal(9, await later.CountRecoveryCodesAsync(reloaded));
    }

    [Fact]
    public async Task A_recovery_code_typed_in_lower_case_without_the_dash_still_works()
    {
        var user = await _identity.CreateUserAsync();
        var code = (await _identity.Users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.First();

        var typed = code.Replace("-", "").ToLowerInvariant();

        AssertSucceeded(await _identity.Users.RedeemTwoFactorRecoveryCodeAsync(user, typed));
        Assert.False((await _identity.Users.RedeemTwoFactorRecoveryCodeAsync(user, code)).Succeeded);
    }

    [Fact]
    public async Task A_made_up_recovery_code_is_refused()
    {
        var user = await _identity.CreateUserAsync();
        await _identity.Users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);

        Assert.False((await _identity.Users.RedeemTwoFactorRecoveryCodeAsync(user, "ABCDE-FGHJK")).Succeeded);
        Assert.Equal(10, await _identity.Users.CountRecoveryCodesAsync(user));
    }

    [Fact]
    public async Task Stored_recovery_codes_are_hashes_not_the_codes()
    {
        var user = await _identity.CreateUserAsync();
        var codes = (await _identity.Users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();

        var stored = _identity.Store.Users.FindById(user.Id).RecoveryCodes;

        Assert.Equal(10, stored.Count);
        Assert.All(stored, hash => Assert.Matches("^[0-9a-f]{64}$", hash));
        foreach (var code in codes)
        {
            Assert.DoesNotContain(stored, s => s.Contains(code.Replace("-", ""), StringComparison.OrdinalIgnoreCase));
        }

        // The same code for another user hashes differently (salted with the user id).
        var other = new CaseAuditUser();
        Assert.DoesNotContain(LiteDbUserStore.HashRecoveryCode(other, codes[0]), stored);
        Assert.Contains(LiteDbUserStore.HashRecoveryCode(user, codes[0]), stored);
    }

    [Fact]
    public async Task Two_factor_can_be_switched_on_and_only_the_authenticator_app_is_offered()
    {
        var user = await _identity.CreateUserAsync();
        // A confirmed email would make the default email provider offer codes CaseAudit never sends.
        AssertSucceeded(await _identity.Users.SetEmailAsync(user, "sam.patel@police.example"));
        user.EmailConfirmed = true;
        AssertSucceeded(await _identity.Users.ResetAuthenticatorKeyAsync(user));

        AssertSucceeded(await _identity.Users.SetTwoFactorEnabledAsync(user, true));

        var users = _identity.NewUserManager();
        Assert.True(await users.GetTwoFactorEnabledAsync((await users.FindByIdAsync(user.Id))!));
        // Sign-in asks this to decide whether a second step is possible; only the app can give one.
        Assert.Equal([Authenticator], await users.GetValidTwoFactorProvidersAsync(user));
    }

    [Fact]
    public async Task A_password_reset_token_resets_the_password_once()
    {
        var user = await _identity.CreateUserAsync();
        var token = await _identity.Users.GeneratePasswordResetTokenAsync(user);

        AssertSucceeded(await _identity.Users.ResetPasswordAsync(user, token, "violet kettle under moonlit hills"));

        Assert.True(await _identity.Users.CheckPasswordAsync(user, "violet kettle under moonlit hills"));
        // The reset changed the security stamp, which the token is bound to.
        Assert.False((await _identity.Users.ResetPasswordAsync(user, token, "another long passphrase")).Succeeded);
    }
}
