using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Tests.Excel;
using CaseAudit.Tests.Pages.Moderation;
using CaseAudit.Web.Actions;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Actions;
using CaseAudit.Web.Excel;
using CaseAudit.Web.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Pages.Actions;

/// The board's edits to the Action plan sheet, uploaded by the Coordinator, checked and applied
/// through the real forms.
public sealed class ActionPlanUploadPageTests
{
    private static CaseAuditStore Store(CaseAuditApp app) => app.Services.GetRequiredService<CaseAuditStore>();

    private static IReadOnlyList<AuditEntry> Progress(CaseAuditApp app) =>
        app.Services.GetRequiredService<AuditTrail>().Find(new AuditQuery { Type = "action.progress", Take = 100 });

    private sealed record Setup(CaseAuditApp App, RoundFixture Fixture, PlanAction A1, PlanAction A2, HttpClient Client, byte[] Workbook)
    {
        public string UploadUrl => $"/rounds/{Fixture.Round.Id}/actions/upload";

        public (int, Rag, int)[] Actions() =>
            Store(App).PlanActions.FindAll().OrderBy(a => a.Ref).Select(a => (a.Version, a.Rag, a.Progress.Count)).ToArray();
    }

    private static async Task<Setup> SetUpAsync(CaseAuditApp app)
    {
        var fixture = PanelRound.Create(app);
        var a1 = RoundFixture.PlanAction(app, fixture.Round);
        var a2 = RoundFixture.PlanAction(app, fixture.Round);
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        var download = await client.GetAsync($"/rounds/{fixture.Round.Id}?handler=LearningSummary&copy=coordinator");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        return new Setup(app, fixture, a1, a2, client, await download.Content.ReadAsByteArrayAsync());
    }

    private static async Task<HttpResponseMessage> UploadAsync(Setup s, string fileName, byte[] content)
    {
        var form = (await s.Client.GetDocumentAsync(s.UploadUrl)).QuerySelector<IHtmlFormElement>("#upload-form")!;
        return await s.Client.SubmitAsync(form, files: new Dictionary<string, (string, byte[])> { ["Upload"] = (fileName, content) });
    }

    private static byte[] BoardEdits(Setup s) => PlanWorkbook.Edit(s.Workbook, sheet =>
    {
        PlanWorkbook.Set(sheet, 4, rag: "Amber", position: "Workshop dates agreed with team managers");
        PlanWorkbook.Set(sheet, 5, rag: "Green");
    });

    private static async Task<IHtmlDocument> PreviewAsync(Setup s)
    {
        var response = await UploadAsync(s, "board-edits.xlsx", BoardEdits(s));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        // The page's own message first, so a refused preview says why.
        Assert.Null(page.QuerySelector(".govuk-error-summary")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("#apply-form"));
        return page;
    }

    private static void RefusedAtTheField(IHtmlDocument page, string message)
    {
        Assert.Equal("#Upload", page.QuerySelector(".govuk-error-summary__list a")?.GetAttribute("href"));
        var field = page.QuerySelector(".govuk-form-group--error")!;
        Assert.NotNull(field.QuerySelector("#Upload"));
        Assert.Contains(message, field.TextContent);
        Assert.Contains("Nothing was applied", field.QuerySelector("#Upload-error")!.TextContent);
        Assert.Null(page.QuerySelector("#apply-form"));
    }

    [Fact]
    public async Task The_boards_edits_are_listed_then_applied_as_dated_progress_updates_with_audit_entries()
    {
        await using var app = new CaseAuditApp();
        var s = await SetUpAsync(app);
        var plan = await s.Client.GetDocumentAsync($"/rounds/{s.Fixture.Round.Id}/actions");
        Assert.Equal(s.UploadUrl, plan.QuerySelector("#upload-link")!.GetAttribute("href"));

        var preview = await PreviewAsync(s);

        var a1 = preview.QuerySelector("#change-A1")!.TextContent;
        Assert.Contains("RAG: Red to Amber", Squash(a1));
        Assert.Contains("from \"No progress recorded yet\" to \"Workshop dates agreed with team managers\"", a1);
        Assert.Contains("RAG: Red to Green", Squash(preview.QuerySelector("#change-A2")!.TextContent));
        Assert.Equal([(1, Rag.Red, 0), (1, Rag.Red, 0)], s.Actions());

        var applied = await s.Client.SubmitAsync(preview.QuerySelector<IHtmlFormElement>("#apply-form")!);

        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        Assert.Equal($"/rounds/{s.Fixture.Round.Id}/actions", applied.Headers.Location!.OriginalString);
        var after = await s.Client.GetDocumentAsync(applied.Headers.Location.OriginalString);
        Assert.Contains("2 actions updated from board-edits.xlsx", after.QuerySelector(".govuk-notification-banner--success")!.TextContent);
        Assert.Equal([(2, Rag.Amber, 1), (2, Rag.Green, 1)], s.Actions());
        var update = Store(app).PlanActions.FindById(s.A1.Id).Progress.Single();
        Assert.Equal(("Workshop dates agreed with team managers", Rag.Amber), (update.Text, update.Rag));
        Assert.StartsWith("coordinator-", update.By);
        Assert.True(DateTime.UtcNow - update.At < TimeSpan.FromMinutes(5));
        Assert.Equal("No progress recorded yet", Store(app).PlanActions.FindById(s.A2.Id).Progress.Single().Text);
        var entries = Progress(app);
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Contains("from an uploaded workbook (board-edits.xlsx)", e.Summary));
        Assert.Equal(new[] { $"plan-action:{s.A1.Id}", $"plan-action:{s.A2.Id}" }.Order(), entries.Select(e => e.Subject!).Order());
        Assert.True(app.Services.GetRequiredService<AuditTrail>().VerifyAll().Ok);
    }

    public static TheoryData<string, string> BadUploads => new()
    {
        { "renamed docx", ActionPlanUpload.Unreadable },
        { "not xlsx", ActionPlanUpload.WrongType },
        { "over 5 MB", ActionPlanUpload.TooBig },
        { "zip bomb", ActionPlanUpload.TooLargeOpened },
        { "another round", "from another round of this theme" },
        { "not exported", ActionPlanUpload.NotThisRound },
        { "no sheet", "no \"Action plan\" sheet" },
        { "header changed", "Row 3: column I should be headed \"Current position\"" },
        { "bad rows", "Row 4: Ref A9 is not an action in this plan" },
        { "nothing changed", ActionPlanUpload.NothingToApply },
    };

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task A_bad_upload_shows_the_problems_at_the_field_and_applies_nothing(string kind, string message)
    {
        await using var app = new CaseAuditApp();
        var s = await SetUpAsync(app);
        var edited = BoardEdits(s);
        var (name, content) = kind switch
        {
            "renamed docx" => ("plan.xlsx", PlanWorkbook.WordDocument()),
            "not xlsx" => ("plan.docx", edited),
            "over 5 MB" => ("plan.xlsx", new byte[6 * 1024 * 1024]),
            "zip bomb" => ("plan.xlsx", PlanWorkbook.ZipBomb()),
            "another round" => ("plan.xlsx", PlanWorkbook.EditBook(edited, b => PlanWorkbook.SetIdentity(b, WorkbookIdentity.RoundId, "another-round"))),
            "not exported" => ("plan.xlsx", PlanWorkbook.EditBook(edited, b => PlanWorkbook.SetIdentity(b, WorkbookIdentity.TemplateId, null))),
            "no sheet" => ("plan.xlsx", PlanWorkbook.EditBook(edited, b => b.Worksheet(LearningSummaryWorkbook.ActionPlanSheet).Delete())),
            "header changed" => ("plan.xlsx", PlanWorkbook.Edit(edited, sheet => sheet.Cell(3, 9).SetValue<string>("Position"))),
            "bad rows" => ("plan.xlsx", PlanWorkbook.Edit(edited, sheet => { sheet.Cell(4, 1).SetValue<string>("A9"); PlanWorkbook.Set(sheet, 5, rag: "Blue"); })),
            _ => ("plan.xlsx", s.Workbook),
        };

        var response = await UploadAsync(s, name, content);

        // A file far over the limit is dropped before the page reads it: the same message, as a 413.
        Assert.Equal(kind == "over 5 MB" ? HttpStatusCode.RequestEntityTooLarge : HttpStatusCode.OK, response.StatusCode);
        RefusedAtTheField(await response.ReadDocumentAsync(), message);
        Assert.Equal([(1, Rag.Red, 0), (1, Rag.Red, 0)], s.Actions());
        Assert.Empty(Progress(app));
    }

    [Fact]
    public async Task Several_bad_rows_are_all_listed_under_the_field()
    {
        await using var app = new CaseAuditApp();
        var s = await SetUpAsync(app);

        var response = await UploadAsync(s, "plan.xlsx", PlanWorkbook.Edit(s.Workbook, sheet =>
        {
            sheet.Cell(4, 1).SetValue<string>("A9");
            PlanWorkbook.Set(sheet, 5, rag: "Blue");
        }));
        var page = await response.ReadDocumentAsync();

        // Status and message first, so a failure shows what the page said instead.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("2 problems", page.QuerySelector("#Upload-error")?.TextContent);
        Assert.Equal(
            ["Row 4: Ref A9 is not an action in this plan", "Row 5: the RAG for action A2 must be Red, Amber or Green, not \"Blue\""],
            page.QuerySelectorAll("#Upload-problems li").Select(li => li.TextContent.Trim()));
        Assert.Contains("Upload-problems", page.QuerySelector("#Upload")!.GetAttribute("aria-describedby"));
    }

    [Fact]
    public async Task No_file_selected_asks_for_one()
    {
        await using var app = new CaseAuditApp();
        var s = await SetUpAsync(app);
        var form = (await s.Client.GetDocumentAsync(s.UploadUrl)).QuerySelector<IHtmlFormElement>("#upload-form")!;

        var page = await (await s.Client.SubmitAsync(form)).ReadDocumentAsync();

        Assert.Contains("Select the learning-summary workbook", page.QuerySelector("#Upload-error")!.TextContent);
    }

    public static TheoryData<string, string> Tampered => new()
    {
        { "unknown id", "Action A1 is not in this round's plan" },
        { "another theme's action", "is not in this round's plan" },
        { "closed action", "is closed, so it cannot be changed" },
        { "complete", "The changes could not be read" },
        { "not a rag", "The changes could not be read" },
        { "too long", "must be 2000 characters or fewer" },
        { "empty", "Enter the current position for action A1" },
        { "listed twice", "is listed twice" },
    };

    [Theory]
    [MemberData(nameof(Tampered))]
    public async Task A_tampered_confirmation_is_checked_again_and_refused_with_nothing_applied(string kind, string message)
    {
        await using var app = new CaseAuditApp();
        var s = await SetUpAsync(app);
        var otherTheme = RoundFixture.PlanAction(app, RoundFixture.Draft(app));
        var closed = RoundFixture.PlanAction(app, s.Fixture.Round, closed: true);
        var preview = await PreviewAsync(s);
        var values = kind switch
        {
            "unknown id" => new Dictionary<string, string> { ["Changes[0].ActionId"] = "no-such-action" },
            "another theme's action" => new() { ["Changes[0].ActionId"] = otherTheme.Id },
            "closed action" => new() { ["Changes[1].ActionId"] = closed.Id, ["Changes[1].Version"] = "1" },
            "complete" => new() { ["Changes[0].NewRag"] = "Complete" },
            "not a rag" => new() { ["Changes[1].NewRag"] = "Purple" },
            "too long" => new() { ["Changes[0].NewPosition"] = new string('x', ActionRules.MaxLength + 1) },
            "empty" => new() { ["Changes[0].NewPosition"] = " " },
            _ => new() { ["Changes[1].ActionId"] = s.A1.Id },
        };

        var response = await s.Client.SubmitAsync(preview.QuerySelector<IHtmlFormElement>("#apply-form")!, values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        RefusedAtTheField(await response.ReadDocumentAsync(), message);
        Assert.Equal([(1, Rag.Red, 0), (1, Rag.Red, 0), (1, Rag.Red, 0), (1, Rag.Red, 0)], s.Actions());
        Assert.Empty(Progress(app));
    }

    [Fact]
    public async Task An_action_changed_between_checking_and_applying_is_a_conflict_and_nothing_is_applied()
    {
        await using var app = new CaseAuditApp();
        var s = await SetUpAsync(app);
        var preview = await PreviewAsync(s);
        Assert.Null(await app.Services.GetRequiredService<ActionDesk>().AddProgressAsync(s.A2.Id, 1, "Changed on its page meanwhile", Rag.Amber,
            new Actor(null, "someone.else")));

        var response = await s.Client.SubmitAsync(preview.QuerySelector<IHtmlFormElement>("#apply-form")!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        RefusedAtTheField(await response.ReadDocumentAsync(), "Someone changed action A2 after the workbook was checked");
        Assert.Equal([(1, Rag.Red, 0), (2, Rag.Amber, 1)], s.Actions());
        Assert.Equal("someone.else", Assert.Single(Progress(app)).ActorName);
    }

    [Theory]
    [InlineData(Roles.Board)]
    [InlineData(Roles.Auditor)]
    public async Task Only_the_coordinator_may_upload_or_apply(string role)
    {
        await using var app = new CaseAuditApp();
        var fixture = PanelRound.Create(app);
        RoundFixture.PlanAction(app, fixture.Round);
        var client = await app.SignedInAsAsync(role);
        var token = (await client.GetDocumentAsync("/sign-out")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var url = $"/rounds/{fixture.Round.Id}/actions/upload";

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
        foreach (var handler in new[] { "", "?handler=Apply" })
        {
            var post = await client.PostAsync(url + handler, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }

        Assert.Empty(Progress(app));
    }

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
