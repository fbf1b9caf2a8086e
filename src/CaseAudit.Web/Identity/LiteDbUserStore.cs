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
    // UserManager (and so this store) is scoped; every write goes to the one writer, which
    // checks the stamp, the unique name and "at least one active Admin" against the stored
    // people and writes the person with their audit entries in one transaction.
    private readonly CaseAuditStore _store;
    private readonly Writer _writer;
    private readonly IdentityErrorDescriber _errors;

    public LiteDbUserStore(CaseAuditStore store, Writer writer, IdentityErrorDescriber? errors = null)
    {
        _store = store;
        _writer = writer;
        _errors = errors ?? new IdentityErrorDescriber();
    }

    public const string LastAdminCode = "LastAdmin";

    public const string LastAdmin = "There must always be at least one active administrator: give someone else the Admin role first";

    private ILiteCollection<CaseAuditUser> Users => _store.Users;

    public Task<IdentityResult> CreateAsync(CaseAuditUser user, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentNullException.ThrowIfNull(user);
        var audit = TakeAudit(user);
        return _writer.WriteAsync(change =>
        {
            // The unique index would refuse it too, but as an exception; this is a refusal.
            if (change.Store.Users.Exists(u => u.NormalizedUserName == user.NormalizedUserName))
            {
                return IdentityResult.Failed(_errors.DuplicateUserName(user.UserName));
            }

            user.ConcurrencyStamp = NewStamp();
            change.Store.Users.Insert(user);
            audit.ForEach(change.Audit);
            return IdentityResult.Success;
        });
    }

    public Task<IdentityResult> UpdateAsync(CaseAuditUser user, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentNullException.ThrowIfNull(user);
        var audit = TakeAudit(user);
        // Read once, before the writer: the command may run twice, and the first run has
        // already given the caller's object its new stamp.
        var loadedStamp = user.ConcurrencyStamp;
        return _writer.WriteAsync(change =>
        {
            var users = change.Store.Users;
            var stored = users.FindById(user.Id);
            if (stored is null || stored.ConcurrencyStamp != loadedStamp)
            {
                // Someone saved this user since the caller loaded it (or it was never saved):
                // writing now would silently undo their change, e.g. re-grant a removed role.
                return IdentityResult.Failed(_errors.ConcurrencyFailure());
            }

            if (users.Exists(u => u.NormalizedUserName == user.NormalizedUserName && u.Id != user.Id))
            {
                return IdentityResult.Failed(_errors.DuplicateUserName(user.UserName));
            }

            if (IsActiveAdmin(stored) && !IsActiveAdmin(user) && !users.Find(u => u.Id != user.Id && u.Active).Any(IsActiveAdmin))
            {
                // Checked here, against the people as stored, so two Admins removing each
                // other's role at the same moment cannot leave none.
                return IdentityResult.Failed(new IdentityError { Code = LastAdminCode, Description = LastAdmin });
            }

            // The last sign-in is the store's own bookkeeping (SignInRecords), outside the
            // stamp: a copy loaded before someone signed in must neither conflict nor turn the
            // clock back.
            user.LastSignInAt = stored.LastSignInAt;
            user.ConcurrencyStamp = NewStamp();
            try
            {
                users.Update(user);
                audit.ForEach(change.Audit);
            }
            catch
            {
                // Nothing was saved, so the caller's copy keeps the stamp it was loaded with.
                user.ConcurrencyStamp = loadedStamp;
                throw;
            }

            return IdentityResult.Success;
        });
    }

    private static bool IsActiveAdmin(CaseAuditUser u) => u.Active && u.Roles.Contains(Roles.Admin);

    private static List<AuditEvent> TakeAudit(CaseAuditUser user)
    {
        // Taken whether or not the save succeeds, so a refused save's entries never ride along
        // with a later one.
        var audit = user.AuditWithNextSave.ToList();
        user.AuditWithNextSave.Clear();
        return audit;
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
