using System.Diagnostics;
using System.Net.Sockets;
using MimeKit;

namespace CaseAudit.Tests.Email;

/// A real SMTP server on 127.0.0.1: Debian's aiosmtpd (python3-aiosmtpd, which test.sh installs),
/// storing every message it accepts in a Maildir that the test reads back. Nothing fakes SMTP:
/// MailKit talks to it as it would to a partnership's relay.
public sealed class LoopbackSmtp : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private Process? _process;

    private readonly string _handler;

    /// refusing: some recipients are refused as real servers do (see refusing_smtp.py).
    public LoopbackSmtp(int? port = null, bool refusing = false)
    {
        _handler = refusing ? "refusing_smtp.Refusing" : "aiosmtpd.handlers.Mailbox";
        Port = port ?? CommandLine.ServedApp.FreePort();
        // Not the Maildir itself: aiosmtpd makes its tmp/new/cur only when the folder does not
        // exist yet, and answers 500 to every message stored into an empty one.
        Directory.CreateDirectory(Path.GetDirectoryName(Maildir)!);
    }

    public int Port { get; }

    public string Maildir { get; } = Path.Combine(Path.GetTempPath(), "caseaudit-tests", "maildir-" + Guid.NewGuid().ToString("N"));

    /// The app settings that send to this server (no TLS: it is loopback only).
    public Dictionary<string, string> Settings() => new()
    {
        ["CaseAudit:Email:Smtp:Host"] = "127.0.0.1",
        ["CaseAudit:Email:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["CaseAudit:Email:Smtp:Security"] = "None",
        ["CaseAudit:Email:From"] = "CaseAudit <caseaudit@partnership.example>",
        ["CaseAudit:Email:SiteUrl"] = "https://caseaudit.partnership.example",
        // Tests run each pass themselves (MailService.RunOnceAsync) after moving the clock.
        ["CaseAudit:Email:PollSeconds"] = "3600",
    };

    public async Task StartAsync()
    {
        Assert.True(File.Exists(Python), $"{Python} is missing: test.sh installs python3-aiosmtpd (apt) for the email tests.");
        var start = new ProcessStartInfo(Python, ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", _handler, Maildir])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.Environment["PYTHONPATH"] = Path.Combine(CaseAuditApp.RepositoryRoot, "tests", "CaseAudit.Tests", "Email");
        _process = Process.Start(start)!;
        var until = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"aiosmtpd ended at once: {await _process.StandardError.ReadToEndAsync()} (is python3-aiosmtpd installed? test.sh installs it)");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        Assert.Fail($"aiosmtpd did not listen on 127.0.0.1:{Port} within 20 s");
    }

    /// Stops the server, as an outage would.
    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        _process = null;
    }

    /// Every message the server has stored, as MimeKit reads it.
    public IReadOnlyList<MimeMessage> Received()
    {
        var files = new[] { "new", "cur" }.Select(d => Path.Combine(Maildir, d)).Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles).Order(StringComparer.Ordinal);
        return [.. files.Select(f => MimeMessage.Load(f))];
    }

    public IReadOnlyList<MimeMessage> ReceivedBy(string address) =>
        [.. Received().Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase)))];

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(Maildir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
