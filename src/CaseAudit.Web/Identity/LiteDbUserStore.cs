using System.Security.Cryptography;
using System.Text;
using CaseAudit.Web.Data;
using LiteDB;
using Microsoft.AspNetCore.Identity;

namespace CaseAudit.Web.Identity;

// ASP.NET Core Identity's view of CaseAuditStore.Users. UserManager does the policy (hashing,
// lockout counting, token checks); this class only keeps the document, so most members are
// plain getters and setters on CaseAuditUser and the interesting parts are UpdateAsync
// (optimistic concurrency), DeleteAsync (refused) and the recovery codes (hashed).
public sealed class LiteDbUserStore :
    IUserPasswordStore<CaseAuditUser>,
    IUserSecurityStampStore<CaseAuditUser>,
    IUserLockoutStore<CaseAuditUser>,
    IUserRoleStore<CaseAuditUser>,
    IUserAuthenticatorKeyStore<CaseAuditUser>,
    IUserTwoFactorStore<CaseAuditUser>,
    IUserTwoFactorRecoveryCodeStore<CaseAuditUser>,
    IUserEmailStore<CaseAuditUser>
{
    // UserManager (and so this store) is scoped, but every instance writes through the one
    // singleton CaseAuditStore. The stamp check and the write must be one step, or two requests
    // could both pass the check and the later write would silently undo the earlier one.
    // A LiteDB explicit transaction would do it too, but it is bound to the thread; a lock
    // around two quick synchronous calls is simpler and cannot be broken by a later await.
    private static readonly Lock WriteLock = new();

    private readonly CaseAuditStore _store;
    private readonly IdentityErrorDescriber _errors;

    public LiteDbUserStore(CaseAuditStore store, IdentityErrorDescriber? errors = null)
    {
        _store = store;
        _errors = errors ?? new IdentityErrorDescriber();
    }

    private ILiteCollection<CaseAuditUser> Users => _store.Users;

    public Task<IdentityResult> CreateAsync(CaseAuditUser user, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentNullException.ThrowIfNull(user);
        user.ConcurrencyStamp = NewStamp();
        try
        {
            lock (WriteLock)
            {
                Users.Insert(user);
            }
        }
        catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            // UserValidator checks names first, but only the unique index closes the race
            // between two admins creating the same account at once.
            return Task.FromResult(IdentityResult.Failed(_errors.DuplicateUserName(user.UserName)));
        }

        return Task.FromResult(IdentityResult.Success);
    }

    public Task<IdentityResult> UpdateAsync(CaseAuditUser user, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentNullException.ThrowIfNull(user);
        lock (WriteLock)
        {
            var stored = Users.FindById(user.Id);
            if (stored is null || stored.ConcurrencyStamp != user.ConcurrencyStamp)
            {
                // Someone saved this user since the caller loaded it (or it was never saved):
                // writing now would silently undo their change, e.g. re-grant a removed role.
                return Task.FromResult(IdentityResult.Failed(_errors.ConcurrencyFailure()));
            }

            var loadedStamp = user.ConcurrencyStamp;
            // The last sign-in is the store's own bookkeeping (RecordSignIn), outside the stamp:
            // a copy loaded before someone signed in must neither conflict nor turn the clock back.
            user.LastSignInAt = stored.LastSignInAt;
            user.ConcurrencyStamp = NewStamp();
            try
            {
                Users.Update(user);
            }
            catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
            {
                // A rename onto a name already taken; the caller's object stays as it was loaded.
                user.ConcurrencyStamp = loadedStamp;
                return Task.FromResult(IdentityResult.Failed(_errors.DuplicateUserName(user.UserName)));
            }
            catch
            {
                user.ConcurrencyStamp = loadedStamp;
                throw;
            }
        }

        return Task.FromResult(IdentityResult.Success);
    }

    // Every sign-in ends here. Bumping the concurrency stamp for it would tell an Admin who has
    // the person open that "someone else changed this user" when nobody changed anything they
    // can edit, so this writes the one field and leaves the stamp alone.
    public static void RecordSignIn(CaseAuditStore store, string userId, DateTime at)
    {
        lock (WriteLock)
        {
            if (store.Users.FindById(userId) is { } stored)
            {
                stored.LastSignInAt = at;
                store.Users.Update(stored);
            }
        }
    }

    public Task<IdentityResult> DeleteAsync(CaseAuditUser user, CancellationToken cancellationToken)
    {
        // The audit trail, gradings and moderation records name users for good, so a user who
        // leaves is deactivated (Active = false) and keeps their history.
        return Task.FromResult(IdentityResult.Failed(new IdentityError
        {
            Code = "UsersAreNeverDeleted",
            Description = "Users are never deleted, because audit records name them. Deactivate the user instead.",
        }));
    }

    public Task<CaseAuditUser?> FindByIdAsync(string userId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<CaseAuditUser?>(Users.FindById(userId));
    }

    public Task<CaseAuditUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<CaseAuditUser?>(Users.FindOne(u => u.NormalizedUserName == normalizedUserName));
    }

    public Task<string> GetUserIdAsync(CaseAuditUser user, CancellationToken cancellationToken) =>
        Task.FromResult(user.Id);

    public Task<string?> GetUserNameAsync(CaseAuditUser user, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(user.UserName);

    public Task SetUserNameAsync(CaseAuditUser user, string? userName, CancellationToken cancellationToken)
    {
        user.UserName = userName ?? "";
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedUserNameAsync(CaseAuditUser user, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(user.NormalizedUserName);

    public Task SetNormalizedUserNameAsync(CaseAuditUser user, string? normalizedName, CancellationToken cancellationToken)
    {
        user.NormalizedUserName = normalizedName ?? "";
        return Task.CompletedTask;
    }

    public Task SetPasswordHashAsync(CaseAuditUser user, string? passwordHash, CancellationToken cancellationToken)
    {
        user.PasswordHash = passwordHash;
        return Task.CompletedTask;
    }

    public Task<string?> GetPasswordHashAsync(CaseAuditUser user, CancellationToken cancellationToken) =>
        Task.FromResult(user.PasswordHash);

    public Task<bool> HasPasswordAsync(CaseAuditUser user, CancellationToken cancellationToken) =>
        Task.FromResult(user.PasswordHash is { Length: > 0 });

    public Task SetSecurityStampAsync(CaseAuditUser user, string stamp, CancellationToken cancellationToken)
    {
        user.SecurityStamp = stamp;
        return Task.CompletedTask;
    }

    public Task<string?> GetSecurityStampAsync(CaseAuditUser user, CancellationToken cancellationToken) =>
        Task.FromResult(user.SecurityStamp);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(CaseAuditUser user, CancellationToken cancellationToken) =>
        Task.FromResult(user.LockoutEnd);

    public Task SetLockoutEndDateAsync(CaseAuditUser user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken)
    {
        user.LockoutEnd = lockoutEnd;
        return Task.CompletedTask;
    }

    public Task<int> IncrementAccessFailedCountAsync(CaseAuditUser user, CancellationToken cancellationToken)
    {
        user.AccessFailedCount++;
        return Task.FromResult(user.AccessFailedCount);
    }

    public Task ResetAccessFailedCountAsync(CaseAuditUser user, CancellationToken cancellationToken)
    {
        user.AccessFailedCount = 0;
        return Task.CompletedTask;
    }

    public Task<int> GetAccessFailedCountAsync(CaseAuditUser user, CancellationToken cancellationToken) =>
        Task.FromResult(user.AccessFailedCount);

    public Task<bool> GetLockoutEnabledAsync(CaseAuditUser user, CancellationToken cancellationToken) =>
        Task.FromResult(user.LockoutEnabled);

    public Task SetLockoutEnabledAsync(CaseAuditUser user, bool enabled, CancellationToken cancellationToken)
    {
        user.LockoutEnabled = enabled;
        return Task.CompletedTask;
    }

    // UserManager passes role names upper-cased by its normalizer; the document keeps the
    // canonical spelling from Roles so claims and screens show "Auditor", not "AUDITOR".
    public Task AddToRoleAsync(CaseAuditUser user, string roleName, CancellationToken cancellationToken)
    {
        // What a role may do is written in code; a misspelt role stored as data would grant
        // nothing and hide the mistake, so it is a programming error, not a validation message.
        var role = Roles.Canonical(roleName)
            ?? throw new InvalidOperationException($"'{roleName}' is not a CaseAudit role. Roles are: {string.Join(", ", Roles.All)}.");
        if (!user.Roles.Contains(role))
        {
            user.Roles.Add(role);
        }

        return Task.CompletedTask;
    }

    public Task RemoveFromRoleAsync(CaseAuditUser user, string roleName, CancellationToken cancellationToken)
    {
        user.Roles.RemoveAll(r => string.Equals(r, roleName, StringComparison.OrdinalIgnoreCase));
        return Task.CompletedTask;
    }

    public Task<IList<string>> GetRolesAsync(CaseAuditUser user, CancellationToken cancellationToken) =>
        Task.FromResult<IList<string>>([.. user.Roles]);

    public Task<bool> IsInRoleAsync(CaseAuditUser user, string roleName, CancellationToken cancellationToken) =>
        Task.FromResult(user.Roles.Any(r => string.Equals(r, roleName, StringComparison.OrdinalIgnoreCase)));

    public Task<IList<CaseAuditUser>> GetUsersInRoleAsync(string roleName, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var role = Roles.Canonical(roleName);
        IList<CaseAuditUser> users = role is null ? [] : Users.Find(u => u.Roles.Contains(role)).ToList();
        return Task.FromResult(users);
    }

    public Task SetAuthenticatorKeyAsync(CaseAuditUser user, string key, CancellationToken cancellationToken)
    {
        user.AuthenticatorKey = key;
        return Task.CompletedTask;
    }

    public Task<string?> GetAuthenticatorKeyAsync(CaseAuditUser user, CancellationToken cancellationToken) =>
        Task.FromResult(user.AuthenticatorKey);

    public Task SetTwoFactorEnabledAsync(CaseAuditUser user, bool enabled, CancellationToken cancellationToken)
    {
        user.TwoFactorEnabled = enabled;
        return Task.CompletedTask;
    }

    public Task<bool> GetTwoFactorEnabledAsync(CaseAuditUser user, CancellationToken cancellationToken) =>
        Task.FromResult(user.TwoFactorEnabled);

    public Task ReplaceCodesAsync(CaseAuditUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken)
    {
        user.RecoveryCodes = [.. recoveryCodes.Select(c => HashRecoveryCode(user, c))];
        return Task.CompletedTask;
    }

    // Removing the hash is what makes a code single-use; UserManager then saves the user, and
    // the concurrency stamp makes a second, simultaneous redemption of the same code fail.
    public Task<bool> RedeemCodeAsync(CaseAuditUser user, string code, CancellationToken cancellationToken) =>
        Task.FromResult(user.RecoveryCodes.Remove(HashRecoveryCode(user, code)));

    public Task<int> CountCodesAsync(CaseAuditUser user, CancellationToken cancellationToken) =>
        Task.FromResult(user.RecoveryCodes.Count);

    public Task SetEmailAsync(CaseAuditUser user, string? email, CancellationToken cancellationToken)
    {
        user.Email = email;
        return Task.CompletedTask;
    }

    public Task<string?> GetEmailAsync(CaseAuditUser user, CancellationToken cancellationToken) =>
        Task.FromResult(user.Email);

    public Task<bool> GetEmailConfirmedAsync(CaseAuditUser user, CancellationToken cancellationToken) =>
        Task.FromResult(user.EmailConfirmed);

    public Task SetEmailConfirmedAsync(CaseAuditUser user, bool confirmed, CancellationToken cancellationToken)
    {
        user.EmailConfirmed = confirmed;
        return Task.CompletedTask;
    }

    // Emails are optional and may be shared (a team mailbox), so only an address that belongs to
    // exactly one user finds anyone: guessing between two people would be worse than no answer.
    public Task<CaseAuditUser?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var matches = Users.Find(u => u.NormalizedEmail == normalizedEmail, limit: 2).ToList();
        return Task.FromResult(matches.Count == 1 ? matches[0] : null);
    }

    public Task<string?> GetNormalizedEmailAsync(CaseAuditUser user, CancellationToken cancellationToken) =>
        Task.FromResult(user.NormalizedEmail);

    public Task SetNormalizedEmailAsync(CaseAuditUser user, string? normalizedEmail, CancellationToken cancellationToken)
    {
        user.NormalizedEmail = normalizedEmail;
        return Task.CompletedTask;
    }

    // Identity prints codes as "XXXXX-XXXXX"; people retype them in lower case or without the
    // dash, which should not cost them a code. The user id salts the hash so that one table of
    // precomputed hashes does not serve every account in a stolen copy of the data file.
    internal static string HashRecoveryCode(CaseAuditUser user, string code)
    {
        var normalized = new string([.. code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{user.Id}:{normalized}")));
    }

    private static string NewStamp() => Guid.NewGuid().ToString("N");

    public void Dispose()
    {
        // Nothing to release: the LiteDB database belongs to the singleton CaseAuditStore.
    }
}
