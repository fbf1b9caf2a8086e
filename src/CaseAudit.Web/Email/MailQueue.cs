using CaseAudit.Web.Data;
using CaseAudit.Web.Identity;

namespace CaseAudit.Web.Email;

/// Puts emails in the queue inside the change that causes them, so the change and its emails
/// commit together (or neither does), and the sender only ever sends what was committed.
public static class MailQueue
{
    /// Queues the letter for this person unless they have no email address, are no longer
    /// active, have turned this kind off, or were already sent it (the key). True when queued.
    public static bool Queue(Change change, string key, EmailKind kind, CaseAuditUser person, string? roundId, Letter letter)
    {
        if (!person.Active || string.IsNullOrWhiteSpace(person.Email) || !EmailKindInfo.Wants(person, kind))
        {
            return false;
        }

        var id = $"{key}:{person.Id}";
        if (change.Store.Mail.FindById(id) is not null)
        {
            return false;
        }

        change.Store.Mail.Insert(new QueuedMail
        {
            Id = id,
            Kind = kind,
            RoundId = roundId,
            RecipientUserId = person.Id,
            RecipientName = person.DisplayName,
            To = person.Email.Trim(),
            Subject = letter.Subject,
            Text = letter.Text(person.DisplayName),
            Html = letter.Html(person.DisplayName),
            QueuedAt = change.Now,
            NextAttemptAt = change.Now,
        });
        return true;
    }

    /// The people a message for this role (and agency, for auditors) goes to.
    public static IReadOnlyList<CaseAuditUser> People(CaseAuditStore store, string role, string? agencyId = null) =>
        store.Users.FindAll()
            .Where(u => u.Active && u.Roles.Contains(role) && (agencyId is null || u.AgencyId == agencyId))
            .OrderBy(u => u.DisplayName, StringComparer.Ordinal)
            .ToList();
}
