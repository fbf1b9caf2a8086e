using static CaseAudit.Tests.Identity.IdentityHarness;

namespace CaseAudit.Tests.Identity;

public sealed class LockoutTests : IDisposable
{
    private readonly IdentityHarness _identity = new();

    public void Dispose() => _identity.Dispose();

    [Fact]
    public async Task Four_wrong_passwords_do_not_lock_the_account()
    {
        var user = await _identity.CreateUserAsync();

        for (var i = 0; i < 4; i++)
        {
            AssertSucceeded(await _identity.Users.AccessFailedAsync(user));
        }

        Assert.False(await _identity.Users.IsLockedOutAsync(user));
        Assert.Equal(4, await _identity.Users.GetAccessFailedCountAsync(user));
    }

    [Fact]
    public async Task Sixth_attempt_finds_the_account_locked_for_15_minutes()
    {
        var user = await _identity.CreateUserAsync();

        for (var i = 0; i < 5; i++)
        {
            AssertSucceeded(await _identity.Users.AccessFailedAsync(user));
        }

        // A fresh load, as the next request would: the lockout must be in the data file.
        var users = _identity.NewUserManager();
        var reloaded = (await users.FindByIdAsync(user.Id))!;
        Assert.True(await users.IsLockedOutAsync(reloaded));
        var lockedFor = reloaded.LockoutEnd!.Value - DateTimeOffset.UtcNow;
        Assert.InRange(lockedFor, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(16));
        Assert.Equal(0, reloaded.AccessFailedCount);
    }
}
