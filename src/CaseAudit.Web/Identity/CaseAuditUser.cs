namespace CaseAudit.Web.Identity;

// One person who signs in. Stored whole in the LiteDB "users" collection: roles and recovery
// codes live inside the document, so a user is read and written in one go and the concurrency
// stamp covers all of it.
public sealed class CaseAuditUser
{
    public string Id { get; set; } = Guid.NewGuid().ToString("N");

    /// Audit entries to write with this person's next save, in its transaction, so the change
    /// and its record stand or fall together. LiteDbUserStore takes them; never stored.
    [LiteDB.BsonIgnore]
    public List<Data.AuditEvent> AuditWithNextSave { get; } = [];

    public string UserName { get; set; } = "";

    // What Identity looks users up by (upper-cased by its ILookupNormalizer); unique index.
    public string NormalizedUserName { get; set; } = "";

    // The name shown on screens and in the audit trail ("Sam Patel, Police").
    public string DisplayName { get; set; } = "";

    // Optional: many partnership staff share generic mailboxes, so an email is neither
    // required nor unique, and nothing signs in by email.
    public string? Email { get; set; }

    public string? NormalizedEmail { get; set; }

    public bool EmailConfirmed { get; set; }

    /// The kinds of email this person has turned off on Your account; every other kind is on,
    /// so a kind added later reaches people without them having to choose it.
    public List<Email.EmailKind> EmailsOff { get; set; } = [];

    public string? PasswordHash { get; set; }

    // Changes whenever credentials change, which is what signs out the user's other sessions.
    public string? SecurityStamp { get; set; }

    // Changes on every successful save; an update carrying an older stamp is refused.
    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");

    public bool LockoutEnabled { get; set; } = true;

    public DateTimeOffset? LockoutEnd { get; set; }

    public int AccessFailedCount { get; set; }

    public bool TwoFactorEnabled { get; set; }

    public string? AuthenticatorKey { get; set; }

    // SHA-256 hex of each unused recovery code, never the codes themselves: a copy of the data
    // file (a backup, say) must not hand out a way past two-factor sign-in.
    public List<string> RecoveryCodes { get; set; } = [];

    public List<string> Roles { get; set; } = [];

    // The one agency an Auditor works for (Agency.Id); null for roles that span agencies.
    public string? AgencyId { get; set; }

    // Users are deactivated, never deleted: the audit trail and gradings name them for good.
    public bool Active { get; set; } = true;

    // Set when an admin creates the account or resets its password, so the temporary password
    // the admin knew is replaced at first sign-in.
    public bool MustChangePassword { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public DateTime? LastSignInAt { get; set; }
}
