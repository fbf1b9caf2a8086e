using CaseAudit.Web.Data;
using CaseAudit.Web.Templates;

namespace CaseAudit.Tests.CommandLine;

public sealed class ValidateTemplatesCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "caseaudit-tests", Guid.NewGuid().ToString("N"));

    public ValidateTemplatesCommandTests() => Directory.CreateDirectory(_folder);

    private static string Supervision => File.ReadAllText(Path.Combine(CaseAuditApp.ShippedTemplates, "supervision.yaml"));

    private (int ExitCode, string Output) Validate(params string[] paths) => ValidateAgainst(null, paths);

    private (int ExitCode, string Output) ValidateAgainst(string? dataFile, params string[] paths)
    {
        var output = new StringWriter();
        var exit = ValidateTemplatesCommand.Run(paths, _folder, dataFile, output);
        return (exit, output.ToString());
    }

    [Fact]
    public void The_shipped_folder_is_valid_and_exits_0()
    {
        var (exit, output) = Validate(CaseAuditApp.ShippedTemplates);

        Assert.Equal(0, exit);
        Assert.Contains("5 template files checked: all valid.", output);
    }

    [Fact]
    public void Each_problem_is_printed_as_file_line_column_and_the_exit_code_is_1()
    {
        File.WriteAllText(Path.Combine(_folder, "good.yaml"), Supervision);
        File.WriteAllText(Path.Combine(_folder, "bad.yaml"), "id: bad\nversion: x\n");

        var (exit, output) = Validate("good.yaml", "bad.yaml");

        Assert.Equal(1, exit);
        Assert.Contains("bad.yaml:2:10: version 'x' must be numbers separated by dots", output);
        Assert.Contains("bad.yaml:1:1: missing required field 'title'", output);
        Assert.DoesNotContain("good.yaml:", output);
        Assert.Contains("2 template files checked: 1 invalid", output);
    }

    [Fact]
    public void A_missing_path_is_a_problem()
    {
        var (exit, output) = Validate("nowhere.yaml");

        Assert.Equal(1, exit);
        Assert.Contains("nowhere.yaml:1:1: no such file or folder", output);
    }

    [Fact]
    public void No_paths_is_a_usage_error()
    {
        var (exit, output) = Validate();

        Assert.Equal(2, exit);
        Assert.StartsWith("usage:", output);
    }

    [Fact]
    public void Two_files_claiming_the_same_version_are_refused()
    {
        File.WriteAllText(Path.Combine(_folder, "a.yaml"), Supervision);
        File.WriteAllText(Path.Combine(_folder, "b.yaml"), Supervision.Replace("SU-01", "SU-99"));

        var (exit, output) = Validate(".");

        Assert.Equal(1, exit);
        Assert.Contains("b.yaml:2:10: template 'supervision' version 1.0 is also defined in ./a.yaml", output);
        Assert.Contains("bump the version", output);
    }

    [Fact]
    public void A_changed_published_version_in_the_data_file_says_bump_the_version()
    {
        var dataFile = Path.Combine(_folder, "data.db");
        using (var store = new CaseAuditStore(dataFile))
        using (var writer = new Writer(store, TimeProvider.System))
        {
            File.WriteAllText(Path.Combine(_folder, "supervision.yaml"), Supervision);
            Assert.Empty(new TemplateLibrary(store, writer).PublishShipped(_folder));
        }

        File.WriteAllText(Path.Combine(_folder, "supervision.yaml"), Supervision.Replace("SU-01", "SU-99"));

        var (exit, output) = ValidateAgainst(dataFile, "supervision.yaml");

        Assert.Equal(1, exit);
        Assert.Contains("supervision.yaml:2:10: template 'supervision' version 1.0 is already published with different content; bump the version", output);
    }

    [Fact]
    public async Task The_real_command_resolves_paths_from_the_callers_folder_and_sets_the_exit_code()
    {
        File.WriteAllText(Path.Combine(_folder, "bad.yaml"), "- not\n- a mapping\n");
        var environment = new Dictionary<string, string> { ["CaseAudit__DataFile"] = Path.Combine(_folder, "none.db") };

        var invalid = await AppProcess.RunAsync(_folder, environment, "templates", "validate", "bad.yaml");
        var valid = await AppProcess.RunAsync(CaseAuditApp.RepositoryRoot, environment, "templates", "validate", "audit-templates");

        Assert.Equal(1, invalid.ExitCode);
        Assert.Contains("bad.yaml:1:1: a template must be a mapping", invalid.Output);
        Assert.Equal(0, valid.ExitCode);
        Assert.Contains("all valid", valid.Output);
    }

    [Fact]
    public async Task The_app_refuses_to_start_on_an_invalid_shipped_template_naming_file_and_line()
    {
        File.WriteAllText(Path.Combine(_folder, "supervision.yaml"), Supervision.Replace("jtai: [", "jtai: [0, "));
        var environment = new Dictionary<string, string>
        {
            ["CaseAudit__DataFile"] = Path.Combine(_folder, "data.db"),
            ["CaseAudit__TemplatesFolder"] = _folder,
            ["CaseAudit__ExportsFolder"] = Path.Combine(_folder, "exports"),
        };

        var result = await AppProcess.RunAsync(_folder, environment);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"supervision\.yaml:\d+:\d+: JTAI evaluation point 0 is outside 1–11", result.Output);
        Assert.Contains("will not start", result.Output);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
