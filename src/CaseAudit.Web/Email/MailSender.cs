using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using CaseAudit.Web.Data;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace CaseAudit.Web.Email;

/// Sends what is queued: to the SMTP server in the settings, or, with none, into the outbox
/// folder as .eml files. At most once: a message is marked Sending (committed) before it is
/// handed over and Sent after, so a failure before the server took it is retried with backoff,
/// and one whose fate is unknown (the connection broke mid-message, or the app stopped) is left
/// Unconfirmed for an Admin rather than sent again.
public sealed class MailSender(CaseAuditStore store, Writer writer, MailSettings settings, TimeProvider clock, ILogger<MailSender> log)
{
    /// Messages taken per pass; the rest wait for the next pass (a few seconds later).
    public const int PassSize = 200;

    public static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(1);

    private readonly SemaphoreSlim _onePass = new(1, 1);

    public string Via => settings.Smtp is { } smtp ? smtp.ToString() : "the outbox";

    /// How long to wait before the next try after this many failed ones: 1, 2, 4... minutes,
    /// never more than an hour, so an outage of a day costs each message about 30 tries.
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromMinutes(Math.Min(MaxBackoff.TotalMinutes, Math.Pow(2, Math.Max(0, attempts - 1))));

    /// Sends every message due now; how many were sent. One pass at a time.
    public async Task<int> SendDueAsync(CancellationToken cancel = default)
    {
        await _onePass.WaitAsync(cancel);
        try
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var due = store.Mail.Find(m => m.State == MailState.Queued && m.NextAttemptAt <= now)
                .OrderBy(m => m.QueuedAt).Take(PassSize).Select(m => m.Id).ToList();
            if (due.Count == 0)
            {
                return 0;
            }

            return settings.Smtp is { } smtp ? await SendBySmtpAsync(smtp, due, cancel) : await WriteToOutboxAsync(due);
        }
        finally
        {
            _onePass.Release();
        }
    }

    /// After a start: a message left Sending by a stopped app may have gone. One bound for
    /// the outbox is written again (the same file, so never twice); one for SMTP waits for an Admin.
    public async Task RecoverAsync()
    {
        await _onePass.WaitAsync();
        try
        {
            await writer.WriteAsync(Recover);
        }
        finally
        {
            _onePass.Release();
        }
    }

    private void Recover(Change change)
    {
        foreach (var mail in change.Store.Mail.Find(m => m.State == MailState.Sending).ToList())
        {
            if (mail.Via == "the outbox" || (mail.Via is null && settings.Smtp is null))
            {
                mail.State = MailState.Queued;
                change.Store.Mail.Update(mail);
                continue;
            }

            mail.State = MailState.Unconfirmed;
            mail.LastError = "CaseAudit stopped while this email was being sent, so it may or may not have gone. Ask the recipient, or send it again from Admin → Outbox.";
            change.Store.Mail.Update(mail);
            change.Audit(Audited("mail.unconfirmed", mail, mail.LastError));
        }
    }

    /// Sends one message now, outside the queue, and says what the server answered (Admin → Outbox).
    public async Task<(bool Sent, string Answer)> SendTestAsync(string to, Letter letter, CancellationToken cancel = default)
    {
        // Addressed by name when the address is someone's on CaseAudit.
        var name = store.Users.FindAll().FirstOrDefault(u => u.Active && string.Equals(u.Email?.Trim(), to, StringComparison.OrdinalIgnoreCase))?.DisplayName ?? to;
        var mail = new QueuedMail { Id = $"test:{Guid.NewGuid():N}", Kind = EmailKind.TestMessage, To = to, RecipientName = name, Subject = letter.Subject,
            Text = letter.Text(name), Html = letter.Html(name), QueuedAt = clock.GetUtcNow().UtcDateTime };
        if (settings.Smtp is not { } smtp)
        {
            try
            {
                var file = await WriteFileAsync(mail);
                return (true, $"No SMTP server is set (CaseAudit:Email:Smtp:Host), so the message was written to the outbox as {file}.");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ParseException)
            {
                return (false, e is ParseException ? $"\"{to}\" is not an email address." : $"Could not write to the outbox folder {settings.OutboxFolder}: {e.Message}");
            }
        }

        try
        {
            using var client = await ConnectAsync(smtp, cancel);
            var answer = await client.SendAsync(Message(mail), cancel);
            await client.DisconnectAsync(quit: true, cancel);
            return (true, $"{smtp} answered: {answer}");
        }
        catch (Exception e) when (IsMailFailure(e))
        {
            return (false, $"{smtp}: {Describe(e)}");
        }
    }

    private async Task<int> WriteToOutboxAsync(IReadOnlyList<string> due)
    {
        var sent = 0;
        foreach (var id in due)
        {
            if (await ClaimAsync(id) is not { } mail)
            {
                continue;
            }

            if (await MessageOrFailAsync(mail) is null)
            {
                continue;
            }

            try
            {
                var file = await WriteFileAsync(mail);
                await RecordAsync(id, "mail.sent", m =>
                {
                    m.State = MailState.Sent;
                    m.SentAt = clock.GetUtcNow().UtcDateTime;
                    m.Via = "the outbox";
                    m.OutboxFile = file;
                    m.LastError = null;
                });
                sent++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Nothing reached anyone: the file could not be written. Try again later.
                await RetryLaterAsync(id, $"Could not write to the outbox folder {settings.OutboxFolder}: {e.Message}");
            }
        }

        return sent;
    }

    private async Task<int> SendBySmtpAsync(SmtpServer smtp, IReadOnlyList<string> due, CancellationToken cancel)
    {
        SmtpClient client;
        try
        {
            client = await ConnectAsync(smtp, cancel);
        }
        catch (Exception e) when (IsMailFailure(e))
        {
            // Not one of them was handed over: each waits and tries again.
            log.LogWarning("Could not reach the SMTP server {Server}: {Problem}", smtp, e.Message);
            foreach (var id in due)
            {
                await RetryLaterAsync(id, $"Could not reach {smtp}: {Describe(e)}", counts: true);
            }

            return 0;
        }

        var sent = 0;
        using (client)
        {
            foreach (var id in due)
            {
                if (await ClaimAsync(id) is not { } mail)
                {
                    continue;
                }

                if (await MessageOrFailAsync(mail) is not { } message)
                {
                    continue;
                }

                try
                {
                    var answer = await client.SendAsync(message, cancel);
                    await RecordAsync(id, "mail.sent", m =>
                    {
                        m.State = MailState.Sent;
                        m.SentAt = clock.GetUtcNow().UtcDateTime;
                        m.Via = smtp.ToString();
                        m.ServerAnswer = answer;
                        m.LastError = null;
                    });
                    sent++;
                }
                catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
                {
                    // Refused for good (an unknown mailbox, say): trying again would be refused again.
                    await RecordAsync(id, "mail.failed", m =>
                    {
                        m.State = MailState.Failed;
                        m.LastError = $"{smtp} refused it: {Describe(e)}";
                    });
                }
                catch (SmtpCommandException e)
                {
                    // A temporary refusal (4xx): the server did not take it.
                    await RetryLaterAsync(id, $"{smtp} refused it for now: {Describe(e)}");
                }
                catch (Exception e) when (IsMailFailure(e) || e is OperationCanceledException)
                {
                    // The connection broke while the message was being handed over: the server may
                    // have taken it. Not sent again on its own; the rest wait for the next pass.
                    await RecordAsync(id, "mail.unconfirmed", m =>
                    {
                        m.State = MailState.Unconfirmed;
                        m.LastError = $"The connection to {smtp} broke while this email was being handed over, so it may or may not have gone: {Describe(e)}. Ask the recipient, or send it again.";
                    });
                    break;
                }
            }

            if (client.IsConnected)
            {
                try
                {
                    await client.DisconnectAsync(quit: true, CancellationToken.None);
                }
                catch (Exception e) when (IsMailFailure(e))
                {
                    // Everything taken is recorded already; a failed goodbye changes nothing.
                }
            }
        }

        return sent;
    }

    private static async Task<SmtpClient> ConnectAsync(SmtpServer smtp, CancellationToken cancel)
    {
        var client = new SmtpClient { Timeout = 30_000 };
        try
        {
            var options = smtp.Security switch
            {
                SmtpSecurity.Implicit => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.None => SecureSocketOptions.None,
                _ => SecureSocketOptions.StartTls,
            };
            await client.ConnectAsync(smtp.Host, smtp.Port, options, cancel);
            if (smtp.UserName is { } user)
            {
                await client.AuthenticateAsync(user, smtp.Password ?? "", cancel);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private MimeMessage Message(QueuedMail mail)
    {
        var message = new MimeMessage();
        message.From.Add(settings.From);
        message.To.Add(new MailboxAddress(mail.RecipientName, mail.To));
        message.Subject = mail.Subject;
        message.Date = new DateTimeOffset(DateTime.SpecifyKind(mail.QueuedAt, DateTimeKind.Utc));
        // The same message always has the same id, so a mail system that sees it twice can tell.
        message.MessageId = $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(mail.Id)))[..32]}@caseaudit";
        // RFC 3834: sent by a program, so out-of-office replies are not sent back to it.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-CaseAudit-Kind", mail.Kind.ToString());
        message.Body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html }.ToMessageBody();
        return message;
    }

    // An address MimeKit cannot read (an Admin's typo) would be refused every time: it fails now.
    private async Task<MimeMessage?> MessageOrFailAsync(QueuedMail mail)
    {
        try
        {
            return Message(mail);
        }
        catch (ParseException)
        {
            await RecordAsync(mail.Id, "mail.failed", m =>
            {
                m.State = MailState.Failed;
                m.LastError = $"\"{mail.To}\" is not an email address: correct it on the person's account (Admin → Users), then send it again.";
            });
            return null;
        }
    }

    private async Task<string> WriteFileAsync(QueuedMail mail)
    {
        Directory.CreateDirectory(settings.OutboxFolder);
        var name = OutboxFileName(mail);
        var path = Path.Combine(settings.OutboxFolder, name);
        var temp = path + ".tmp";
        await using (var stream = File.Create(temp))
        {
            await Message(mail).WriteToAsync(stream);
        }

        File.Move(temp, path, overwrite: true);
        return name;
    }

    /// Sortable by when it was queued; the same message always gets the same name.
    public static string OutboxFileName(QueuedMail mail) =>
        $"{mail.QueuedAt:yyyyMMdd-HHmmss}-{mail.Kind}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(mail.Id)))[..10]}.eml";

    private Task<QueuedMail?> ClaimAsync(string id) => writer.WriteAsync(change =>
    {
        if (change.Store.Mail.FindById(id) is not { State: MailState.Queued } mail)
        {
            return null;
        }

        mail.State = MailState.Sending;
        mail.Attempts++;
        mail.LastAttemptAt = change.Now;
        mail.Via = Via;
        change.Store.Mail.Update(mail);
        return mail;
    });

    private Task RetryLaterAsync(string id, string problem, bool counts = false) => writer.WriteAsync(change =>
    {
        if (change.Store.Mail.FindById(id) is not { State: MailState.Queued or MailState.Sending } mail)
        {
            return;
        }

        if (counts)
        {
            // Not claimed (the server could not be reached), but it was a try.
            mail.Attempts++;
            mail.LastAttemptAt = change.Now;
        }

        mail.State = MailState.Queued;
        mail.NextAttemptAt = change.Now + Backoff(mail.Attempts);
        mail.LastError = problem;
        change.Store.Mail.Update(mail);
        change.Audit(Audited("mail.failed", mail, $"{problem}; trying again from {UkTimeText(mail.NextAttemptAt)}"));
    });

    private Task RecordAsync(string id, string auditType, Action<QueuedMail> result) => writer.WriteAsync(change =>
    {
        if (change.Store.Mail.FindById(id) is not { } mail)
        {
            return;
        }

        result(mail);
        change.Store.Mail.Update(mail);
        change.Audit(Audited(auditType, mail, mail.LastError));
    });

    private static string UkTimeText(DateTime utc) => Excel.UkTime.DateAndTime(utc) + " (UK time)";

    /// The audit entry for a send or a failure: who, what kind, which round; never the body.
    public static AuditEvent Audited(string type, QueuedMail mail, string? problem) => Actor.System.Did(
        type: type,
        summary: $"{EmailKindInfo.Of(mail.Kind).Name} email to {mail.RecipientName} <{mail.To}>{type switch
        {
            "mail.sent" => $" sent via {mail.Via}",
            "mail.failed" => $" not sent: {problem}",
            "mail.unconfirmed" => " may not have gone",
            _ => "",
        }}",
        subject: $"mail:{mail.Id}",
        after: new { kind = mail.Kind.ToString(), to = mail.To, recipient = mail.RecipientUserId, round = mail.RoundId, via = mail.Via, attempts = mail.Attempts });

    private static bool IsMailFailure(Exception e) =>
        e is IOException or SocketException or SmtpCommandException or SmtpProtocolException or AuthenticationException
            or ServiceNotConnectedException or ServiceNotAuthenticatedException or SslHandshakeException or TimeoutException
            or ParseException or InvalidOperationException or NotSupportedException;

    private static string Describe(Exception e) => e switch
    {
        SmtpCommandException c => $"{(int)c.StatusCode} {c.Message}",
        AuthenticationException => "the user name or password was refused",
        SslHandshakeException => "the TLS handshake failed (check CaseAudit:Email:Smtp:Security and the server's certificate)",
        SocketException s => s.Message,
        _ => e.Message,
    };
}
