using CaseAudit.Web.Domain.Templates;

namespace CaseAudit.Tests.Domain.Templates;

public sealed class TemplateVersionTests
{
    [Theory]
    [InlineData("1.10", "1.9", 1)]
    [InlineData("2", "1.9", 1)]
    [InlineData("1.0", "1", 0)]
    [InlineData("1.0.1", "1.0", 1)]
    [InlineData("0.9", "1.0", -1)]
    public void Versions_compare_part_by_part(string a, string b, int expected) =>
        Assert.Equal(expected, Math.Sign(TemplateVersion.Compare(a, b)));

    [Theory]
    [InlineData("1", true)]
    [InlineData("1.0", true)]
    [InlineData("2.3.1", true)]
    [InlineData("v1", false)]
    [InlineData("1..0", false)]
    [InlineData("1.0-beta", false)]
    [InlineData("", false)]
    public void Only_dotted_numbers_are_versions(string version, bool valid) =>
        Assert.Equal(valid, TemplateVersion.IsValid(version));

    [Fact]
    public void Comments_and_layout_do_not_change_the_fingerprint_but_wording_does()
    {
        var original = ShippedTemplate("supervision.yaml");
        var text = File.ReadAllText(original);
        var reformatted = "# a new comment at the top\n\n" + text.Replace("version: \"1.0\"", "version: '1.0'   # quoted differently") + "\n# and one at the end\n";
        var reworded = text.Replace("SU-01", "SU-99");

        var fingerprint = TemplateVersion.Fingerprint(TemplateReader.Read("a", text).Template!);

        Assert.Equal(fingerprint, TemplateVersion.Fingerprint(TemplateReader.Read("b", reformatted).Template!));
        Assert.NotEqual(fingerprint, TemplateVersion.Fingerprint(TemplateReader.Read("c", reworded).Template!));
    }

    [Fact]
    public void The_same_version_with_changed_content_says_bump_the_version_at_the_version_line()
    {
        var text = File.ReadAllText(ShippedTemplate("supervision.yaml"));
        var published = TemplateVersion.Fingerprint(TemplateReader.Read("a", text).Template!);
        var changed = TemplateReader.Read("changed.yaml", text.Replace("SU-01", "SU-99"));

        var problem = TemplateVersionRule.CheckAgainstPublished(changed, published, "changed.yaml");

        Assert.NotNull(problem);
        Assert.Contains("bump the version", problem.Message);
        Assert.Equal(LineOf(text, "version:"), problem.Line);
        Assert.Null(TemplateVersionRule.CheckAgainstPublished(TemplateReader.Read("a", text), published, "a"));
    }

    internal static string ShippedTemplate(string file) => Path.Combine(CaseAuditApp.ShippedTemplates, file);

    internal static int LineOf(string text, string start) =>
        text.Split('\n').Select((line, i) => (line, i)).First(x => x.line.StartsWith(start, StringComparison.Ordinal)).i + 1;
}
