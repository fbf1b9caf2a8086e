using System.Text;
using CaseAudit.Web.Data;
using CaseAudit.Web.Templates;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Audit;

public sealed class TemplatePublicationAuditTests
{
    [Fact]
    public async Task Starting_the_app_records_one_template_published_entry_per_shipped_version()
    {
        await using var app = new CaseAuditApp();
        var trail = app.Services.GetRequiredService<AuditTrail>();
        var shipped = Directory.GetFiles(CaseAuditApp.ShippedTemplates, "*.yaml").Length;

        var entries = trail.Find(new AuditQuery { Type = "template.published", Take = 100 });

        Assert.Equal(shipped, entries.Count);
        Assert.All(entries, e =>
        {
            Assert.Equal(AuditEvent.SystemActor, e.ActorName);
            Assert.Null(e.ActorId);
            Assert.Matches("^template:[a-z0-9-]+@1\\.0$", e.Subject!);
            Assert.Matches("^Shipped template '.+' version 1\\.0 recorded$", e.Summary);
        });
        Assert.Contains(entries, e => e.Subject == "template:supervision@1.0" && e.Summary.StartsWith("Shipped template 'Supervision", StringComparison.Ordinal));
        Assert.True(trail.VerifyAll().Ok);
    }

    [Fact]
    public async Task Publishing_shipped_templates_again_records_nothing_new()
    {
        await using var app = new CaseAuditApp();
        var trail = app.Services.GetRequiredService<AuditTrail>();
        var before = trail.Count(new AuditQuery());

        var problems = app.Services.GetRequiredService<TemplateLibrary>().PublishShipped(CaseAuditApp.ShippedTemplates);

        Assert.Empty(problems);
        Assert.True(before > 0);
        Assert.Equal(before, trail.Count(new AuditQuery()));
    }

    [Fact]
    public async Task Uploading_a_new_version_records_who_published_it()
    {
        await using var app = new CaseAuditApp();
        var library = app.Services.GetRequiredService<TemplateLibrary>();
        var trail = app.Services.GetRequiredService<AuditTrail>();
        var yaml = File.ReadAllText(Path.Combine(CaseAuditApp.ShippedTemplates, "supervision.yaml")).Replace("version: \"1.0\"", "version: \"1.1\"");

        var outcome = await library.PublishUploadAsync("supervision-1.1.yaml", Encoding.UTF8.GetBytes(yaml), new Actor("id-qa.lead@agency.example", "qa.lead@agency.example"));
        var again = await library.PublishUploadAsync("supervision-1.1.yaml", Encoding.UTF8.GetBytes(yaml), new Actor("id-qa.lead@agency.example", "qa.lead@agency.example"));

        Assert.Equal(PublishResult.Published, outcome.Result);
        Assert.Equal(PublishResult.AlreadyPublished, again.Result);
        var entries = trail.Find(new AuditQuery { Actor = "qa.lead" });
        var entry = Assert.Single(entries);
        Assert.Equal("template.published", entry.Type);
        Assert.Equal("template:supervision@1.1", entry.Subject);
        Assert.Contains("version 1.1", entry.Summary);
        Assert.Contains("\"version\":\"1.1\"", entry.After);
        Assert.Equal(entry.Seq, trail.Latest()!.Seq);
        Assert.True(trail.VerifyAll().Ok);
    }

    [Fact]
    public async Task A_refused_upload_records_nothing()
    {
        await using var app = new CaseAuditApp();
        var library = app.Services.GetRequiredService<TemplateLibrary>();
        var trail = app.Services.GetRequiredService<AuditTrail>();
        var before = trail.Latest()!.Seq;

        var outcome = await library.PublishUploadAsync("broken.yaml", Encoding.UTF8.GetBytes("id: broken\n"), new Actor("id-qa.lead@agency.example", "qa.lead@agency.example"));

        Assert.Equal(PublishResult.Refused, outcome.Result);
        Assert.Equal(before, trail.Latest()!.Seq);
    }
}
