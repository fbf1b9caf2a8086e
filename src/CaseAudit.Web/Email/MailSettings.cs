using System.Globalization;
using MimeKit;

namespace CaseAudit.Web.Email;

public enum SmtpSecurity
{
    /// Plain connection upgraded with STARTTLS before anything is sent (refused if the server cannot).
    StartTls,

    /// TLS from the first byte (usually port 465).
    Implicit,

    /// No TLS: only for a relay on the same machine (127.0.0.1).
    None,
}

public sealed record SmtpServer(string Host, int Port, SmtpSecurity Security, string? UserName, string? Password)
{
    public override string ToString() => $"{Host}:{Port}";
}

/// CaseAudit:Email — where emails go and how. With no SMTP host (the default, and the demo),
/// every email is written as an .eml file to the outbox folder (default "outbox" beside the
/// data file) and listed at Admin → Outbox; with CaseAudit:Email:Smtp:Host set they are sent.
public sealed record MailSettings(SmtpServer? Smtp, string OutboxFolder, MailboxAddress From, string SiteUrl, TimeSpan Poll)
{
    public const string DefaultSiteUrl = "http://localhost:5080";

    /// The settings, or every problem with them in words an IT team can act on.
    public static (MailSettings? Settings, IReadOnlyList<string> Problems) Read(IConfiguration configuration, AppPaths paths)
    {
        var section = configuration.GetSection("CaseAudit:Email");
        var problems = new List<string>();
        var outbox = section["Outbox"] is { Length: > 0 } folder
            ? Path.GetFullPath(folder, paths.Root)
            : Path.Combine(Path.GetDirectoryName(paths.DataFile)!, "outbox");

        SmtpServer? smtp = null;
        var smtpSection = section.GetSection("Smtp");
        if (smtpSection["Host"] is { Length: > 0 } host)
        {
            var security = SmtpSecurity.StartTls;
            if (smtpSection["Security"] is { Length: > 0 } named && !Enum.TryParse(named, ignoreCase: true, out security))
            {
                problems.Add($"CaseAudit:Email:Smtp:Security is \"{named}\": use StartTls, Implicit or None.");
            }

            var port = security switch { SmtpSecurity.Implicit => 465, SmtpSecurity.None => 25, _ => 587 };
            if (smtpSection["Port"] is { Length: > 0 } text && !(int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and < 65536))
            {
                problems.Add($"CaseAudit:Email:Smtp:Port is \"{text}\": use a port number from 1 to 65535.");
            }

            var user = smtpSection["UserName"] is { Length: > 0 } u ? u : null;
            var password = smtpSection["Password"] is { Length: > 0 } p ? p : null;
            if ((user is null) != (password is null))
            {
                problems.Add("Set both CaseAudit:Email:Smtp:UserName and CaseAudit:Email:Smtp:Password, or neither.");
            }

            smtp = new SmtpServer(host.Trim(), port, security, user, password);
        }

        MailboxAddress from = new("CaseAudit", "caseaudit@localhost");
        if (section["From"] is { Length: > 0 } fromText)
        {
            if (MailboxAddress.TryParse(fromText, out var parsed) && parsed.Address.Contains('@'))
            {
                from = parsed.Name is { Length: > 0 } ? parsed : new MailboxAddress("CaseAudit", parsed.Address);
            }
            else
            {
                problems.Add($"CaseAudit:Email:From is \"{fromText}\": use an address such as caseaudit@partnership.example.org.");
            }
        }
        else if (smtp is not null)
        {
            problems.Add("Set CaseAudit:Email:From, the address CaseAudit's emails come from.");
        }

        var site = DefaultSiteUrl;
        if (section["SiteUrl"] is { Length: > 0 } siteText)
        {
            if (Uri.TryCreate(siteText.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                site = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
            }
            else
            {
                problems.Add($"CaseAudit:Email:SiteUrl is \"{siteText}\": use the address people open CaseAudit at, such as https://caseaudit.partnership.example.org.");
            }
        }
        else if (smtp is not null)
        {
            problems.Add("Set CaseAudit:Email:SiteUrl, the address people open CaseAudit at, so the links in emails work.");
        }

        var poll = TimeSpan.FromSeconds(30);
        if (section["PollSeconds"] is { Length: > 0 } pollText)
        {
            if (int.TryParse(pollText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
            {
                poll = TimeSpan.FromSeconds(seconds);
            }
            else
            {
                problems.Add($"CaseAudit:Email:PollSeconds is \"{pollText}\": use a whole number of seconds.");
            }
        }

        return problems.Count > 0 ? (null, problems) : (new MailSettings(smtp, outbox, from, site, poll), problems);
    }

    public static MailSettings Of(IConfiguration configuration, AppPaths paths) =>
        Read(configuration, paths) is ({ } settings, _) ? settings
        : throw new InvalidOperationException(string.Join(" ", Read(configuration, paths).Problems));

    public string Link(string path) => SiteUrl + path;
}
