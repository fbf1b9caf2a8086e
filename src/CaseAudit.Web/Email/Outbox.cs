using CaseAudit.Web.Data;
using MimeKit;

namespace CaseAudit.Web.Email;

/// Admin → Outbox: what has been queued and sent, an Admin's "send again" and test message.
/// Bodies are read only here, by Admins; everything else shows who, what kind and its state.
public sealed class Outbox(CaseAuditStore store, Writer writer, MailSender sender, Letters letters, MailSettings settings)
{
    public const int MaxListed = 500;

    public MailSettings Settings => settings;

    /// The newest emails first, at most max, and how many there are in all.
    public (IReadOnlyList<QueuedMail> Mail, int Total) Latest(int max = MaxListed, string? roundId = null)
    {
        var query = store.Mail.Query();
        if (roundId is not null)
        {
            query = query.Where(m => m.RoundId == roundId);
        }

        return (query.OrderByDescending(m => m.QueuedAt).Limit(max).ToList(), roundId is null ? store.Mail.Count() : store.Mail.Count(m => m.RoundId == roundId));
    }

    public QueuedMail? Find(string? id) => string.IsNullOrEmpty(id) ? null : store.Mail.FindById(id);

    /// Where emails go now, in words an Admin can act on.
    public string WhereEmailsGo => settings.Smtp is { } smtp
        ? $"Emails are sent through {smtp} ({Security(smtp.Security)}) from {settings.From.Name} <{settings.From.Address}>."
        : $"No SMTP server is set, so emails are written to {settings.OutboxFolder} as .eml files and listed here. Set CaseAudit:Email:Smtp:Host to send them.";

    private static string Security(SmtpSecurity security) => security switch
    {
        SmtpSecurity.Implicit => "implicit TLS",
        SmtpSecurity.None => "no TLS",
        _ => "STARTTLS",
    };

    /// The .eml file written for this email, only by the exact name recorded for it.
    public string? FileOf(QueuedMail mail) =>
        mail.OutboxFile is { Length: > 0 } name && Path.GetFileName(name) == name && File.Exists(Path.Combine(settings.OutboxFolder, name))
            ? Path.Combine(settings.OutboxFolder, name)
            : null;

    public static bool CanSendAgain(QueuedMail mail) => mail.State is MailState.Failed or MailState.Unconfirmed;

    /// Puts a failed or unconfirmed email back in the queue to go now; the refusal, or null.
    public Task<string?> SendAgainAsync(string id, Actor by) => writer.WriteAsync<string?>(change =>
    {
        if (change.Store.Mail.FindById(id) is not { } mail)
        {
            throw new RecordGone("email", id);
        }

        if (!CanSendAgain(mail))
        {
            return $"This email is {StatusText(mail).ToLowerInvariant()}, so there is nothing to send again.";
        }

        var before = mail.State;
        mail.State = MailState.Queued;
        mail.NextAttemptAt = change.Now;
        mail.LastError = null;
        change.Store.Mail.Update(mail);
        change.Audit(by.Did("mail.send-again", $"{EmailKindInfo.Of(mail.Kind).Name} email to {mail.RecipientName} <{mail.To}> queued to be sent again (it was {before})",
            $"mail:{mail.Id}", new { state = before.ToString() }, new { state = mail.State.ToString(), attempts = mail.Attempts }));
        return null;
    });

    /// Whether this can be a test message's address, or what is wrong with it.
    public static string? AddressProblem(string? to)
    {
        if (string.IsNullOrWhiteSpace(to))
        {
            return "Enter the email address to send the test message to";
        }

        return to.Length > 254 || to.Any(char.IsWhiteSpace) || to.Count(c => c == '@') != 1
            || !MailboxAddress.TryParse(to, out var parsed) || parsed.Address != to
            ? "Enter an email address in the correct format, like name@example.org"
            : null;
    }

    /// Sends a test message now and records who sent it to whom (never its words).
    public async Task<(bool Sent, string Answer)> SendTestAsync(string to, string byName, Actor by, CancellationToken cancel)
    {
        var result = await sender.SendTestAsync(to, letters.Test(byName), cancel);

        await writer.WriteAsync(change => change.Audit(by.Did(
            result.Sent ? "mail.test-sent" : "mail.test-failed",
            result.Sent ? $"Test message sent to {to}" : $"Test message to {to} not sent: {result.Answer}",
            "mail:test", after: new { to, via = sender.Via, answer = result.Answer })));
        return result;
    }

    public static string StatusText(QueuedMail mail) => mail.State switch
    {
        MailState.Queued => "Queued",
        MailState.Sending => "Sending",
        MailState.Sent => "Sent",
        MailState.Failed => "Failed",
        _ => "Unconfirmed",
    };

    public static string StatusTag(QueuedMail mail) => mail.State switch
    {
        MailState.Queued => mail.LastError is null ? "govuk-tag--grey" : "govuk-tag--yellow",
        MailState.Sending => "govuk-tag--light-blue",
        MailState.Sent => "govuk-tag--green",
        MailState.Failed => "govuk-tag--red",
        _ => "govuk-tag--orange",
    };

    /// A queued email that failed before: when it is tried next and why the last try failed.
    public static string? Retrying(QueuedMail mail) =>
        mail.State == MailState.Queued && mail.LastError is { } error
            ? $"Trying again at {Excel.UkTime.DateAndTime(mail.NextAttemptAt)}: {error}"
            : null;
}
