using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Identity;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Security;

/// Found by a hostile try: a 20 MB sample or a 30 MB template got a 500 and a dropped connection
/// instead of the page's own message next to the file field.
public sealed class OversizedUploadTests
{
    public static TheoryData<string, string, string, int> Uploads => new()
    {
        // page, file field, file name, megabytes
        { "/templates/upload", "Upload", "huge.yaml", 30 },
        { "/rounds/{draft}/import", "Upload", "sample.csv", 20 },
        { "/rounds/{draft}/draw", "Pool", "pool.csv", 20 },
        { "/rounds/{draft}/actions/upload", "Upload", "learning-summary.xlsx", 40 },
    };

    [Theory]
    [MemberData(nameof(Uploads))]
    public async Task An_upload_far_over_the_limit_gets_the_pages_own_message_and_changes_nothing(string page, string field, string fileName, int megabytes)
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Draft(app);
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        var path = page.Replace("{draft}", round.Id);
        var form = (await client.GetDocumentAsync(path)).QuerySelector<IHtmlFormElement>("main form")!;
        var auditBefore = app.Services.GetRequiredService<CaseAuditStore>().AuditEntries.Count();

        var response = await client.SubmitAsync(form, values: field == "Pool" ? new Dictionary<string, string> { ["SampleSize"] = "8" } : null,
            files: new Dictionary<string, (string, byte[])> { [field] = (fileName, new byte[megabytes * 1024 * 1024]) });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var document = await response.ReadDocumentAsync();
        Assert.StartsWith("Error:", document.Title);
        var message = document.QuerySelector($"#{field}-error")!.TextContent;
        Assert.Contains("must be smaller than", message);
        Assert.Equal($"#{field}", document.QuerySelector(".govuk-error-summary__list a")!.GetAttribute("href"));
        if (field == "Pool")
        {
            Assert.Equal("8", document.QuerySelector<IHtmlInputElement>("#SampleSize")!.Value);
        }

        var store = app.Services.GetRequiredService<CaseAuditStore>();
        Assert.Equal(0, store.Cases.Count());
        Assert.Equal(auditBefore, store.AuditEntries.Count());
    }

    /// The test server has no body-size limit; Kestrel's (30 MB by default) is what ended the
    /// request with a 500 and a reset, so this runs the real server on a loopback port.
    [Fact]
    public async Task On_the_real_server_an_oversized_template_gets_the_page_and_one_past_100_MB_a_413_and_the_server_carries_on()
    {
        await using var app = DemoApps.New();
        app.UseKestrel(0);
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = await app.SignInAsDemoAsync("demo.coordinator", new Uri(address));
        var form = (await client.GetDocumentAsync("/templates/upload")).QuerySelector<IHtmlFormElement>("main form")!;

        var response = await client.SubmitAsync(form, files: new Dictionary<string, (string, byte[])> { ["Upload"] = ("huge.yaml", new byte[60 * 1024 * 1024]) });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("must be smaller than 256 KiB", (await response.ReadDocumentAsync()).QuerySelector("#Upload-error")!.TextContent);

        // Past what is worth reading, the server answers at once; the client may see the 413
        // or, still sending, a reset connection. Either way the next request is served.
        try
        {
            var huge = await client.SubmitAsync(form, files: new Dictionary<string, (string, byte[])> { ["Upload"] = ("huge.yaml", new byte[120 * 1024 * 1024]) });
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        }
        catch (HttpRequestException)
        {
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/templates/upload")).StatusCode);
    }
}
