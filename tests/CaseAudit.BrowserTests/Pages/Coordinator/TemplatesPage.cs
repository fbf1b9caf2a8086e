using System.Text.RegularExpressions;
using CaseAudit.BrowserTests.Support;

namespace CaseAudit.BrowserTests.Pages.Coordinator;

/// /templates, a template's page (/templates/{id}) and /templates/upload.
public sealed class TemplatesPage(Journey journey, IPage page)
{
    public static async Task<TemplatesPage> OpenAsync(Journey journey, IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Templates", Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit templates", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync(page, "Audit templates");
        return new TemplatesPage(journey, page);
    }

    public async Task OpenTemplateAsync(string title)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync(page, $"Template: {title}");
    }

    /// The YAML file of the version shown, as the page's download button gives it.
    public async Task<string> DownloadYamlAsync()
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download the YAML file" }).ClickAsync());
        Assert.EndsWith(".yaml", download.SuggestedFilename, StringComparison.Ordinal);
        var path = await download.PathAsync();
        return await File.ReadAllTextAsync(path!);
    }

    public async Task OpenUploadAsync()
    {
        await page.GotoAsync("/templates");
        await journey.CheckAsync(page, "Audit templates, again");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload a template" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Upload a template", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync(page, "Upload a template");
    }

    public async Task UploadAsync(string fileName, string yaml)
    {
        await page.GetByLabel("Template file").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "application/yaml", Buffer = System.Text.Encoding.UTF8.GetBytes(yaml) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Check and publish" }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    /// After a good upload: the new version's page, with the success banner.
    public async Task ExpectPublishedAsync(string title, string version)
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"Version {version} of {title} is published.");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/templates/[^/?]+\\?version={Regex.Escape(version)}"));
        await journey.CheckAsync(page, $"Template {title}, version {version} published");
    }
}
