namespace CaseAudit.Web.Email;

public enum MailState
{
    /// Waiting to be sent (again, after a failure, from NextAttemptAt).
    Queued,

    /// Being handed to the SMTP server or written to the outbox now.
    Sending,

    Sent,

    /// The server refused it for good (a 5xx answer): not tried again unless an Admin asks.
    Failed,

    /// The connection broke while the message was being handed over, or CaseAudit stopped then:
    /// it may have gone. Not tried again on its own, so nobody gets it twice; an Admin can.
    Unconfirmed,
}

/// One email, kept in the data file from the moment the change that caused it commits until
/// well after it is sent, so a restart or an SMTP outage loses nothing. The id is the message's
/// key (kind, what it is about, the person, and the occasion), so the same message can never be
/// queued twice however often a reminder sweep runs.
public sealed class QueuedMail
{
    public string Id { get; set; } = "";

    public EmailKind Kind { get; set; }

    /// The round it is about; null for a plan action from a deleted round or a test message.
    public string? RoundId { get; set; }

    public string? RecipientUserId { get; set; }

    public string RecipientName { get; set; } = "";

    public string To { get; set; } = "";

    public string Subject { get; set; } = "";

    public string Text { get; set; } = "";

    public string Html { get; set; } = "";

    public DateTime QueuedAt { get; set; }

    public MailState State { get; set; }

    public int Attempts { get; set; }

    public DateTime NextAttemptAt { get; set; }

    public DateTime? LastAttemptAt { get; set; }

    public DateTime? SentAt { get; set; }

    /// "the outbox" or "smtp.example.org:587".
    public string? Via { get; set; }

    /// The .eml file's name in the outbox folder, when written there.
    public string? OutboxFile { get; set; }

    public string? LastError { get; set; }

    /// What the SMTP server said when it took the message ("2.0.0 Ok: queued as ...").
    public string? ServerAnswer { get; set; }
}
