using CaseAudit.Web;
using CaseAudit.Web.Email;
using Microsoft.Extensions.Configuration;

namespace CaseAudit.Tests.Email;

public sealed class MailSettingsTests
{
    private static readonly AppPaths Paths = new("/srv/caseaudit", "/var/lib/caseaudit/caseaudit.db", "/srv/caseaudit/audit-templates", "/srv/caseaudit/exports");

    private static (MailSettings? Settings, IReadOnlyList<string> Problems) Read(Dictionary<string, string?> values) =>
        MailSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(kv => $"CaseAudit:Email:{kv.Key}", kv => kv.Value)).Build(), Paths);

    [Fact]
    public void With_nothing_set_emails_go_to_the_outbox_beside_the_data_file()
    {
        var (settings, problems) = Read([]);
        Assert.Empty(problems);
        Assert.Null(settings!.Smtp);
        Assert.Equal("/var/lib/caseaudit/outbox", settings.OutboxFolder);
        Assert.Equal(MailSettings.DefaultSiteUrl, settings.SiteUrl);
    }

    [Theory]
    [InlineData("StartTls", SmtpSecurity.StartTls, 587)]
    [InlineData("implicit", SmtpSecurity.Implicit, 465)]
    [InlineData("None", SmtpSecurity.None, 25)]
    public void An_smtp_server_takes_its_usual_port_for_its_tls(string security, SmtpSecurity expected, int port)
    {
        var (settings, problems) = Read(new() { ["Smtp:Host"] = "smtp.partnership.example", ["Smtp:Security"] = security, ["From"] = "audits@partnership.example", ["SiteUrl"] = "https://caseaudit.partnership.example/" });
        Assert.Empty(problems);
        Assert.Equal(new SmtpServer("smtp.partnership.example", port, expected, null, null), settings!.Smtp);
        Assert.Equal("https://caseaudit.partnership.example", settings.SiteUrl);
        Assert.Equal("audits@partnership.example", settings.From.Address);
    }

    [Fact]
    public void Every_setting_that_is_wrong_is_named_so_the_app_does_not_start_on_it()
    {
        var (settings, problems) = Read(new()
        {
            ["Smtp:Host"] = "smtp.partnership.example", ["Smtp:Security"] = "tls1.3", ["Smtp:Port"] = "70000", ["Smtp:UserName"] = "caseaudit",
            ["SiteUrl"] = "caseaudit.partnership.example", ["PollSeconds"] = "often",
        });
        Assert.Null(settings);
        Assert.Contains(problems, p => p.StartsWith("CaseAudit:Email:Smtp:Security is \"tls1.3\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("CaseAudit:Email:Smtp:Port is \"70000\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("UserName and CaseAudit:Email:Smtp:Password", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Set CaseAudit:Email:From", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("CaseAudit:Email:SiteUrl is", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("CaseAudit:Email:PollSeconds is", StringComparison.Ordinal));
    }

    [Fact]
    public void An_smtp_server_needs_the_address_people_open_caseaudit_at_so_links_work()
    {
        var (_, problems) = Read(new() { ["Smtp:Host"] = "smtp.partnership.example", ["From"] = "audits@partnership.example" });
        Assert.Equal(["Set CaseAudit:Email:SiteUrl, the address people open CaseAudit at, so the links in emails work."], problems);
    }
}

public sealed class MailSettingsStartTests
{
    [Fact]
    public async Task The_app_does_not_start_on_a_wrong_email_setting_and_says_which_one()
    {
        var folder = Directory.CreateTempSubdirectory("caseaudit-email-settings-").FullName;
        try
        {
            var result = await CommandLine.AppProcess.RunAsync(folder, new Dictionary<string, string>
            {
                ["CaseAudit__DataFile"] = Path.Combine(folder, "caseaudit.db"),
                ["CaseAudit__Email__Smtp__Host"] = "smtp.partnership.example",
                ["CaseAudit__Email__Smtp__Security"] = "ssl",
                ["CaseAudit__Email__From"] = "audits@partnership.example",
                ["CaseAudit__Email__SiteUrl"] = "https://caseaudit.partnership.example",
            });
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("CaseAudit:Email:Smtp:Security is \"ssl\": use StartTls, Implicit or None.", result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
