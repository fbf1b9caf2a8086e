using System.Text.RegularExpressions;
using CaseAudit.Web;
using CaseAudit.Web.Data;
using CaseAudit.Web.Operations;
using Microsoft.Extensions.Configuration;

namespace CaseAudit.Tests.Operations;

/// The systemd unit and nginx site the README shows are the files in deploy/, and the settings
/// the unit passes are ones the app reads, so following the README gives a working service.
public sealed partial class ServiceUnitTests
{
    private static string Read(string relative) => File.ReadAllText(Path.Combine(CaseAuditApp.RepositoryRoot, relative));

    private static string Block(string language) =>
        Regex.Match(Read("README.md"), $"```{language}\n(.*?)```", RegexOptions.Singleline) is { Success: true } m
            ? m.Groups[1].Value
            : throw new InvalidOperationException($"The README has no ```{language} block.");

    [Fact]
    public void The_readme_shows_the_unit_and_the_nginx_site_that_are_in_deploy()
    {
        Assert.Equal(Read("deploy/caseaudit.service"), Block("ini"));
        Assert.Equal(Read("deploy/nginx-caseaudit.conf"), Block("nginx"));
    }

    [Fact]
    public void The_units_folders_are_where_the_app_then_keeps_its_files()
    {
        var environment = EnvironmentLine().Matches(Read("deploy/caseaudit.service"))
            .ToDictionary(m => m.Groups["key"].Value.Replace("__", ":", StringComparison.Ordinal), m => (string?)m.Groups["value"].Value);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(environment).Build();

        var paths = AppPaths.From(configuration, "/opt/caseaudit/app");

        Assert.Equal("/var/lib/caseaudit/caseaudit.db", paths.DataFile);
        Assert.Equal("/opt/caseaudit/audit-templates", paths.TemplatesFolder);
        Assert.Equal("/var/lib/caseaudit/exports", paths.ExportsFolder);
        var backups = BackupSettings.From(configuration, paths, production: environment["ASPNETCORE_ENVIRONMENT"] == "Production");
        Assert.Equal("/var/lib/caseaudit/backups", backups.Folder);
        Assert.True(backups.Nightly);
        Assert.Equal("Production", environment["ASPNETCORE_ENVIRONMENT"]);
        // The app is reached only through the proxy on this machine, which the app trusts by default.
        Assert.StartsWith("http://127.0.0.1:", environment["ASPNETCORE_URLS"]);
        Assert.Contains("proxy_pass http://127.0.0.1:5080;", Read("deploy/nginx-caseaudit.conf"));
        Assert.Equal("http://127.0.0.1:5080", environment["ASPNETCORE_URLS"]);
    }

    [Fact]
    public void The_unit_does_not_restart_a_start_the_app_refused()
    {
        var line = Regex.Match(Read("deploy/caseaudit.service"), @"^RestartPreventExitStatus=(.+)$", RegexOptions.Multiline).Groups[1].Value;

        Assert.Equal(
            [DataFileRefusedException.Damaged, DataFileRefusedException.WrittenByNewerRelease, DataFileRefusedException.UpgradeFailed],
            line.Split(' ').Select(int.Parse));
    }

    [GeneratedRegex(@"^Environment=(?<key>[A-Za-z_]+)=(?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex EnvironmentLine();
}
