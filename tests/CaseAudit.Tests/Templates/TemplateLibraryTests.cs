using System.Text;
using CaseAudit.Web.Data;
using CaseAudit.Web.Templates;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Templates;

public sealed class TemplateLibraryTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "caseaudit-tests", Guid.NewGuid().ToString("N"));
    private readonly CaseAuditStore _store;
    private readonly Writer _writer;
    private readonly TemplateLibrary _library;

    public TemplateLibraryTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "templates"));
        _store = new CaseAuditStore(Path.Combine(_folder, "data.db"));
        _writer = new Writer(_store, TimeProvider.System);
        _library = new TemplateLibrary(_store, _writer);
    }

    private string TemplatesFolder => Path.Combine(_folder, "templates");

    private static string Supervision => File.ReadAllText(Path.Combine(CaseAuditApp.ShippedTemplates, "supervision.yaml"));

    [Fact]
    public void A_rounds_template_is_parsed_once_and_an_unknown_version_is_null()
    {
        File.WriteAllText(Path.Combine(TemplatesFolder, "supervision.yaml"), Supervision);
        Assert.Empty(_library.PublishShipped(TemplatesFolder));

        var first = _library.TemplateOf("supervision", "1.0");

        Assert.NotNull(first);
        Assert.Same(first, _library.TemplateOf("supervision", "1.0"));
        Assert.Same(first, _library.Parse(_library.Find("supervision", "1.0")!));
        Assert.Null(_library.TemplateOf("supervision", "9.9"));
        Assert.Null(_library.TemplateOf("no-such-theme", "1.0"));
    }

    [Fact]
    public void Shipped_templates_are_recorded_once_and_kept()
    {
        File.WriteAllText(Path.Combine(TemplatesFolder, "supervision.yaml"), Supervision);

        Assert.Empty(_library.PublishShipped(TemplatesFolder));
        Assert.Empty(_library.PublishShipped(TemplatesFolder));

        var stored = Assert.Single(_store.TemplateVersions.FindAll());
        Assert.Equal(("supervision@1.0", TemplateLibrary.Shipped), (stored.Id, stored.Origin));
        Assert.Equal(Supervision, stored.Yaml);
    }

    [Fact]
    public void A_shipped_file_that_changes_a_published_version_is_refused_and_nothing_changes()
    {
        File.WriteAllText(Path.Combine(TemplatesFolder, "supervision.yaml"), Supervision);
        _library.PublishShipped(TemplatesFolder);
        File.WriteAllText(Path.Combine(TemplatesFolder, "supervision.yaml"), Supervision.Replace("SU-01", "SU-99"));

        var problem = Assert.Single(_library.PublishShipped(TemplatesFolder));

        Assert.Contains("bump the version", problem.Message);
        Assert.EndsWith("supervision.yaml", problem.File);
        Assert.Equal(2, problem.Line);
        Assert.Equal(Supervision, Assert.Single(_store.TemplateVersions.FindAll()).Yaml);
    }

    [Fact]
    public void One_invalid_shipped_file_means_none_are_recorded()
    {
        File.WriteAllText(Path.Combine(TemplatesFolder, "supervision.yaml"), Supervision);
        File.WriteAllText(Path.Combine(TemplatesFolder, "broken.yaml"), "id: broken\nversion: 1\n  title: x\n");

        var problems = _library.PublishShipped(TemplatesFolder);

        Assert.Contains(problems, p => p.File.EndsWith("broken.yaml", StringComparison.Ordinal) && p.Line == 3);
        Assert.Equal(0, _store.TemplateVersions.Count());
    }

    [Fact]
    public async Task A_new_version_is_kept_beside_the_old_and_becomes_the_catalogue_entry()
    {
        File.WriteAllText(Path.Combine(TemplatesFolder, "supervision.yaml"), Supervision);
        _library.PublishShipped(TemplatesFolder);
        var newer = Supervision.Replace("version: \"1.0\"", "version: \"1.10\"").Replace("SU-01", "SU-99");

        var outcome = await _library.PublishUploadAsync("supervision-1.10.yaml", Encoding.UTF8.GetBytes(newer), new Actor("id-coordinator", "coordinator"));

        Assert.Equal(PublishResult.Published, outcome.Result);
        Assert.Equal(["1.10", "1.0"], _library.History("supervision").Select(v => v.Version));
        Assert.Equal("1.10", Assert.Single(_library.Catalogue()).Version);
        Assert.Equal("coordinator", _library.Find("supervision", "1.10")!.RecordedBy);
        Assert.Contains(_library.Parse(_library.Find("supervision", "1.0")!).Questions, q => q.Id == "SU-01");
    }

    [Fact]
    public async Task Uploading_a_published_version_again_unchanged_stores_nothing_new()
    {
        await _library.PublishUploadAsync("s.yaml", Encoding.UTF8.GetBytes(Supervision), new Actor("id-a", "a"));

        var outcome = await _library.PublishUploadAsync("s.yaml", Encoding.UTF8.GetBytes("# re-saved\n" + Supervision), new Actor("id-b", "b"));

        Assert.Equal(PublishResult.AlreadyPublished, outcome.Result);
        Assert.Equal("a", Assert.Single(_store.TemplateVersions.FindAll()).RecordedBy);
    }

    public void Dispose()
    {
        _writer.Dispose();
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
