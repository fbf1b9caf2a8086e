using CaseAudit.BrowserTests.Support;

namespace CaseAudit.BrowserTests.Checks;

/// The checks every journey relies on, shown to fail on pages that break them: a check that
/// cannot fail would pass every journey.
[Collection(BrowserCollection.Name)]
public sealed class ChecksTests(Chromium chromium) : IAsyncLifetime
{
    private IBrowserContext? _context;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = Journey.DesktopWidth, Height = 900 } });
        _page = await _context.NewPageAsync();
    }

    public async Task DisposeAsync() => await _context!.CloseAsync();

    private Task ShowAsync(string body) => _page.SetContentAsync($"<!DOCTYPE html><html lang=\"en\"><head><title>Check</title></head><body><main><h1>Check</h1>{body}</main></body></html>");

    [Fact]
    public async Task Axe_reports_aria_expanded_on_a_radio_as_GOV_UK_Frontend_leaves_it()
    {
        await ShowAsync("""<fieldset><legend>Grade</legend><input type="radio" id="a" name="g" aria-controls="x" aria-expanded="false"><label for="a">Not applicable</label></fieldset><div id="x">Reason</div>""");
        var violation = await Assert.ThrowsAsync<AccessibilityViolation>(() => Axe.ExpectNoViolationsAsync(_page, "the test page"));
        Assert.Contains("aria-allowed-attr", violation.Message);
        Assert.Contains("#a", violation.Message);
    }

    [Fact]
    public async Task Axe_passes_the_same_radio_without_aria_expanded()
    {
        await ShowAsync("""<fieldset><legend>Grade</legend><input type="radio" id="a" name="g" aria-controls="x"><label for="a">Not applicable</label></fieldset><div id="x">Reason</div>""");
        await Axe.ExpectNoViolationsAsync(_page, "the test page");
    }

    [Fact]
    public async Task Two_controls_sharing_a_name_or_a_control_without_one_are_reported()
    {
        await ShowAsync("""
            <form><label for="a">Reason</label><textarea id="a" name="a"></textarea>
            <label for="b">Reason</label><textarea id="b" name="b"></textarea>
            <button type="submit"><span aria-hidden="true">→</span></button></form>
            """);
        var violation = await Assert.ThrowsAsync<AccessibilityViolation>(() => Accessibility.ExpectUniqueControlNamesAsync(_page, "the test page"));
        Assert.Contains("2 controls are all named \"Reason\"", violation.Message);
        Assert.Contains("<button type=submit> has no accessible name", violation.Message);
    }

    [Fact]
    public async Task Radios_are_named_within_their_fieldset_and_hidden_controls_are_not_counted()
    {
        await ShowAsync("""
            <fieldset><legend>Record keeping</legend><input type="radio" id="a1" name="a"><label for="a1">Good</label></fieldset>
            <fieldset><legend>Voice of the child</legend><input type="radio" id="b1" name="b"><label for="b1">Good</label></fieldset>
            <details><summary>More</summary><textarea id="c"></textarea></details>
            """);
        await Accessibility.ExpectUniqueControlNamesAsync(_page, "the test page");
    }

    [Fact]
    public async Task A_page_wider_than_a_phone_is_reported_but_a_table_in_its_own_scrolling_region_is_not()
    {
        await ShowAsync("""<div class="app-table-scroll" style="overflow-x: auto; position: relative"><table><tr><td style="min-width: 900px">wide</td></tr></table></div>""");
        await Reflow.ExpectNoSidewaysScrollAsync(_page, "the test page");

        await ShowAsync("""<p style="width: 360px">360 px of text</p>""");
        var violation = await Assert.ThrowsAsync<AccessibilityViolation>(() => Reflow.ExpectNoSidewaysScrollAsync(_page, "the test page"));
        Assert.Contains("At 320 px", violation.Message);
        Assert.Equal(Journey.DesktopWidth, _page.ViewportSize!.Width);
    }
}
