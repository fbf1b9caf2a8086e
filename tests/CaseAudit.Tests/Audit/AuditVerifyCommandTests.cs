using System.Diagnostics;
using CaseAudit.Web.Data;

namespace CaseAudit.Tests.Audit;

public sealed class AuditVerifyCommandTests
{
    [Fact]
    public void Verify_exits_0_and_says_so_when_the_chain_is_intact()
    {
        using var t = new TempTrail();
        t.AppendMany(12);
        t.CloseStore();
        var output = new StringWriter();

        var exit = AuditVerifyCommand.Run(t.DataFile, output);

        Assert.Equal(0, exit);
        Assert.Contains("Audit trail verified: 12 entries, chain intact.", output.ToString());
        Assert.Contains("Latest entry 12", output.ToString());
    }

    [Fact]
    public void Verify_reads_the_file_while_the_app_holds_it_open()
    {
        using var t = new TempTrail();
        t.AppendMany(3);
        var output = new StringWriter();

        var exit = AuditVerifyCommand.Run(t.DataFile, output);
        t.Trail.Append(TempTrail.Event(4));

        Assert.Equal(0, exit);
        Assert.Contains("3 entries", output.ToString());
        Assert.Equal(4, t.Trail.Latest()!.Seq);
        Assert.True(t.Trail.VerifyAll().Ok);
    }

    [Fact]
    public void Verify_exits_1_naming_the_tampered_entry()
    {
        using var t = new TempTrail();
        t.AppendMany(9);
        t.Tamper(c =>
        {
            var e = c.FindById(7);
            e.Summary = "edited";
            c.Update(e);
        });
        var output = new StringWriter();

        var exit = AuditVerifyCommand.Run(t.DataFile, output);

        Assert.Equal(1, exit);
        Assert.Contains("entry 7", output.ToString());
        Assert.Contains("entry 7's hash does not match its content", output.ToString());
        Assert.DoesNotContain("chain intact", output.ToString());
    }

    [Fact]
    public void Verify_exits_2_when_the_data_file_does_not_exist()
    {
        var missing = Path.Combine(Path.GetTempPath(), "caseaudit-tests", Guid.NewGuid().ToString("N"), "none.db");
        var output = new StringWriter();

        var exit = AuditVerifyCommand.Run(missing, output);

        Assert.Equal(2, exit);
        Assert.Contains("No data file at " + missing, output.ToString());
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public async Task The_built_app_run_as_audit_verify_exits_0_when_intact_1_when_tampered_and_2_when_missing()
    {
        using var t = new TempTrail();
        t.AppendMany(4);
        t.CloseStore();

        var (intact, intactOutput) = await RunBuiltApp(t.DataFile);
        Assert.True(intact == 0, intactOutput);
        Assert.Contains("Audit trail verified: 4 entries, chain intact.", intactOutput);

        t.Tamper(c => c.Delete(2));
        var (tampered, tamperedOutput) = await RunBuiltApp(t.DataFile);
        Assert.True(tampered == 1, tamperedOutput);
        Assert.Contains("entry 2 is missing", tamperedOutput);

        var (missing, _) = await RunBuiltApp(Path.Combine(t.Folder, "missing.db"));
        Assert.Equal(2, missing);
    }

    private static async Task<(int ExitCode, string Output)> RunBuiltApp(string dataFile)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "CaseAudit.Web.dll");
        Assert.True(File.Exists(dll), $"{dll} should be built next to the tests");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("audit");
        start.ArgumentList.Add("verify");
        start.Environment["CaseAudit__DataFile"] = dataFile;

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
