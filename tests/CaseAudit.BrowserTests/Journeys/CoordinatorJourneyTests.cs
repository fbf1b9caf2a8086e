using System.Globalization;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using CaseAudit.BrowserTests.Pages;
using CaseAudit.BrowserTests.Pages.Account;
using CaseAudit.BrowserTests.Pages.Coordinator;
using CaseAudit.BrowserTests.Support;

namespace CaseAudit.BrowserTests.Journeys;

/// The Coordinator (the partnership's QA lead) in a real browser: two-factor sign-in with codes
/// the test computes from the key on the page, a new template version, a round planned and
/// sampled three ways (by hand, imported from the page's own template workbook, drawn from a
/// pool) and grading started; then the demo's repeat audit, whose auditors' returns are at
/// every status, followed, moved to panel, moderated, given learning and actions, published
/// and downloaded as the learning summary workbook.
[Collection(BrowserCollection.Name)]
public sealed class CoordinatorJourneyTests(Chromium chromium)
{
    private const string Coordinator = "demo.coordinator";
    private const string SupervisionTitle = "Supervision and management oversight in neglect cases";
    private const string RepeatAudit = "Use of history: repeat audit";
    private const string SocialCare = "Northshire Children's Social Care";
    private const string Police = "Northshire Police";
    private const string Health = "Northshire Integrated Care Board (health)";

    [Fact]
    public async Task Coordinator_signs_in_with_an_authenticator_code_and_runs_a_round()
    {
        await using var app = await ServedCaseAudit.StartAsync();
        await Journey.RunAsync(chromium, app, async journey =>
        {
            var page = await journey.PersonAsync(Coordinator);
            await EnrolAuthenticatorAsync(journey, page);
            await UploadTemplateVersionAsync(journey, page);
            var round = await PlanRoundAsync(journey, page);
            await BuildSampleAsync(journey, page, round);
            await StartGradingAsync(journey, page, round);
            var repeat = await FollowProgressAsync(journey, page);
            await MoveToPanelAsync(journey, page, repeat);
            var moderated = await ModerateACaseAsync(journey, page);
            var learning = await WriteLearningAsync(journey, page, moderated);
            var aim = await AddActionAsync(journey, page, learning);
            await PublishAsync(journey, page);
            await CheckLearningSummaryAsync(page, learning, aim);
        });
    }

    /// Without JavaScript every move is a link to its confirmation page and a plain form post:
    /// the demo's repeat audit goes back to planning (a reason is needed, and asked for when left
    /// out), starts grading again, moves to panel and is published.
    [Fact]
    public async Task The_coordinators_round_moves_work_without_javascript()
    {
        await using var app = await ServedCaseAudit.StartAsync(settings: new Dictionary<string, string> { ["CaseAudit__RequireMfa"] = "false" });
        await Journey.RunAsync(chromium, app, async journey =>
        {
            var page = await journey.PersonAsync(Coordinator, javaScript: false);
            await SignInPage.SignInAsDemoAsync(journey, page, Coordinator);
            var round = await RoundPage.OpenAsync(journey, page, RepeatAudit, "Grading");
            var title = await round.TitleAsync();

            await round.OpenMoveAsync("Reopen planning");
            var move = await MovePage.ExpectAsync(journey, page, "Reopen planning");
            await move.ConfirmAsync("Reopen planning");
            await ErrorState.ExpectAsync(journey, page, "Reason", "Enter the reason for reopening", "Reopen planning without script: no reason", withScript: false);
            await Assertions.Expect(page.Locator(".govuk-error-summary")).Not.ToBeFocusedAsync();
            await page.GetByLabel("Why are you reopening it?").FillAsync("Two cases were sampled from the wrong quarter.");
            await move.ConfirmAsync("Reopen planning");
            await RoundPage.ExpectAsync(journey, page, title, "Draft", "Repeat audit back in Draft, without script");
            await Assertions.Expect(page.GetByText(new Regex("Grading to Draft by .*: Two cases were sampled from the wrong quarter\\.$"))).ToBeVisibleAsync();

            await round.OpenMoveAsync("Start grading");
            await (await MovePage.ExpectAsync(journey, page, "Start grading")).ConfirmAsync("Start grading");
            await RoundPage.ExpectAsync(journey, page, title, "Grading", "Repeat audit grading again, without script");
            await round.ExpectDoneAsync("The round is now Grading.");

            var concern = await ConcernPage.OpenFromRoundAsync(journey, page, "NS-2026-005");
            await concern.RecordFollowUpAsync("Front door confirmed the referral was received and a visit made the next day.");
            await RoundPage.ExpectAsync(journey, page, title, "Grading", "Repeat audit, concern followed up, without script");

            await round.OpenMoveAsync("Move to panel");
            await (await MovePage.ExpectAsync(journey, page, "Move to panel")).ConfirmAsync("Move to panel");
            await RoundPage.ExpectAsync(journey, page, title, "Panel", "Repeat audit in Panel, without script");
            await round.ExpectDoneAsync("The round is now Panel.");

            await round.OpenMoveAsync("Publish findings");
            move = await MovePage.ExpectAsync(journey, page, "Publish findings");
            await move.UnderstandAsync("The board meets next week; the panel moderates the rest after it.");
            await move.ConfirmAsync("Publish findings");
            await RoundPage.ExpectAsync(journey, page, title, "Published", "Repeat audit published, without script");
            await round.ExpectDoneAsync("The round is now Published.");
            await Assertions.Expect(page.Locator("#learning-summary-links")).ToBeVisibleAsync();
        });
    }

    /// First sign-in: MFA is required for a Coordinator, so the app asks for an authenticator
    /// app before anything else; the key on the page gives the code. A second browser then signs
    /// in with the password and a code computed for the next 30-second step: a code already used
    /// is not one to rely on (the app accepts it today; RFC 6238 says it should not), and the
    /// app accepts the steps either side of now.
    private static async Task EnrolAuthenticatorAsync(Journey journey, IPage page)
    {
        await (await SignInPage.OpenAsync(journey, page)).SignInAsync(Coordinator);
        var enrol = await AuthenticatorPage.ExpectAsync(journey, page);
        var key = await enrol.KeyAsync();
        Assert.Matches("^[A-Z2-7]{16,}$", key);

        await enrol.EnterCodeAsync("123 45");
        await ErrorState.ExpectAsync(journey, page, "Input_Code", "The code must be 6 digits, like 123456", "Set up your authenticator app: a 5-digit code");
        var used = AuthenticatorPage.CodeNow(key);
        await enrol.EnterCodeAsync(used);
        Assert.Equal(10, (await enrol.ExpectRecoveryCodesAsync()).Count);
        await enrol.ContinueAsync();

        var again = await journey.PersonAsync(Coordinator + " (second browser)");
        await (await SignInPage.OpenAsync(journey, again)).SignInAsync(Coordinator);
        var twoFactor = await TwoFactorPage.ExpectAsync(journey, again);
        await twoFactor.EnterCodeAsync(((int.Parse(used, CultureInfo.InvariantCulture) + 500_000) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture));
        await twoFactor.ExpectRefusedAsync("Enter the code: a wrong code refused");
        await twoFactor.EnterCodeAsync(AuthenticatorPage.NextCode(key));
        await Assertions.Expect(again.GetByRole(AriaRole.Link, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await journey.CheckAsync(again, "Home, signed in with a code in a second browser");
    }

    /// A new version of a shipped template, from its own download: first with the version left
    /// as it was (refused: a published version never changes), then bumped.
    private static async Task UploadTemplateVersionAsync(Journey journey, IPage page)
    {
        var templates = await TemplatesPage.OpenAsync(journey, page);
        await templates.OpenTemplateAsync(SupervisionTitle);
        var yaml = await templates.DownloadYamlAsync();
        Assert.Contains("version: \"1.0\"", yaml, StringComparison.Ordinal);
        var changed = yaml.Replace("It uses a simple Yes / Partly / No scale", "Version 1.1 asks the same questions. It uses a simple Yes / Partly / No scale", StringComparison.Ordinal);
        Assert.NotEqual(yaml, changed);

        await templates.OpenUploadAsync();
        await templates.UploadAsync("supervision.yaml", changed);
        await ErrorState.ExpectAsync(journey, page, "Upload", "supervision.yaml has a problem on line 2: fix it and upload the file again", "Upload a template: a changed version 1.0 refused");
        await Assertions.Expect(page.Locator("#Upload-problems")).ToContainTextAsync("already published with different content; bump the version");

        await templates.UploadAsync("supervision.yaml", changed.Replace("version: \"1.0\"", "version: \"1.1\"", StringComparison.Ordinal));
        await templates.ExpectPublishedAsync(SupervisionTitle, "1.1");
    }

    private static async Task<RoundPage> PlanRoundAsync(Journey journey, IPage page)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var title = "Supervision: browser journey " + today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var plan = await NewRoundPage.OpenAsync(journey, page);
        await Assertions.Expect(page.GetByText("Version 1.1, 18 questions, Yes / Partly / No")).ToBeVisibleAsync();
        var periodEnd = today.AddMonths(-1);
        await plan.FillAsync(title, SupervisionTitle, today.AddMonths(-7), periodEnd, periodEnd, SocialCare, Police, Health);
        await plan.CreateAsync();
        await ErrorState.ExpectAsync(journey, page, "Input_Deadline", "The grading deadline must be after the end of the period under review", "Plan a new round: deadline not after the period");
        await Assertions.Expect(page.GetByLabel("Round title")).ToHaveValueAsync(title);
        await plan.FillDateAsync("Grading deadline", today.AddDays(28));
        await plan.CreateAsync();
        var round = await RoundPage.ExpectAsync(journey, page, title, "Draft", "New round, in Draft");
        await round.ExpectDoneAsync($"Round '{title}' created. Add its sample of cases next.");
        await Assertions.Expect(page.GetByText($"{SupervisionTitle}, version 1.1")).ToBeVisibleAsync();
        return round;
    }

    private static Dictionary<string, string> Row(string reference, string age, string level, string categories, string agencies) => new()
    {
        ["Case reference"] = reference,
        ["Age band"] = age,
        ["Level of intervention"] = level,
        ["Neglect categories"] = categories,
        ["Agencies involved"] = agencies,
    };

    /// One case by hand, three imported from the import page's own template workbook (after a
    /// file with a mistake is refused whole), four drawn from a pool in proportion by age band.
    private static async Task BuildSampleAsync(Journey journey, IPage page, RoundPage round)
    {
        var title = await round.TitleAsync();
        await round.AddCaseAsync();
        var add = await NewCasePage.ExpectAsync(journey, page);
        // A name where the pseudonymous reference goes is refused, with the rest kept as chosen.
        await add.FillAsync("Ella Smith", "5–11", "Child in need", ["Emotional", "Educational"], [SocialCare, Police]);
        await add.AddAsync();
        await ErrorState.ExpectAsync(journey, page, "Input_Reference", "The case reference looks like it contains a person's name", "Add a case: a name as its reference");
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Agencies involved with the child" }).GetByLabel(Police)).ToBeCheckedAsync();
        await page.GetByLabel("Case reference").FillAsync("NS-2026-101");
        await add.AddAsync();
        await RoundPage.ExpectAsync(journey, page, title, "Draft", "Round with one case added by hand");
        await round.ExpectDoneAsync("Case NS-2026-101 added.");
        await Assertions.Expect(round.SampleRow("NS-2026-101")).ToContainTextAsync("Northshire Children's Social Care, Northshire Police");

        await round.ImportSampleAsync();
        var import = await ImportPage.ExpectAsync(journey, page);
        var template = await import.DownloadTemplateAsync();
        using (var workbook = new XLWorkbook(new MemoryStream(template)))
        {
            Assert.Equal(["Sample", "Allowed values"], workbook.Worksheets.Select(w => w.Name));
            Assert.Contains(Police, workbook.Worksheet("Allowed values").CellsUsed().Select(c => c.GetString()));
        }

        Dictionary<string, string>[] rows =
        [
            Row("NS-2026-102", "0–2", "Child protection", "Physical; Medical", Health),
            Row("NS-2026-103", "12–18", "Looked after", "Emotional", SocialCare),
            Row("NS-2026-104", "3–4", "Early help", "Nutritional", Health),
        ];
        await import.UploadAsync("sample.xlsx", ImportPage.Fill(template, [.. rows[..2], Row("NS-2026-104", "2–4", "Early help", "Nutritional", Health)]));
        await ErrorState.ExpectAsync(journey, page, "Upload", "sample.xlsx has a problem, shown below: fix it and import the file again. Nothing was imported.", "Import a sample: a row with a bad age band");
        await Assertions.Expect(page.Locator("#Upload-problems")).ToContainTextAsync("Row 4, Age band");
        await import.UploadAsync("sample.xlsx", ImportPage.Fill(template, rows));
        await RoundPage.ExpectAsync(journey, page, title, "Draft", "Round with three cases imported");
        await round.ExpectDoneAsync("3 cases imported.");
        await Assertions.Expect(round.SampleRows).ToHaveCountAsync(4);

        await round.DrawSampleAsync();
        var draw = await DrawPage.ExpectAsync(journey, page);
        string[] ages = ["0–2", "3–4", "5–11", "12–18"];
        var pool = Enumerable.Range(1, 8).Select(i => Row($"NS-2026-2{i:00}", ages[i % 4], "Child in need", "Physical", Police)).ToList();
        await draw.ChoosePoolAsync("pool.xlsx", ImportPage.Fill(template, pool));
        await draw.FillAsync("4", "Age band");
        await draw.DrawAsync();
        await RoundPage.ExpectAsync(journey, page, title, "Draft", "Round with four cases drawn from a pool");
        await round.ExpectDoneAsync("4 cases drawn from a pool of 8");
        await Assertions.Expect(round.SampleRows).ToHaveCountAsync(8);
        await Assertions.Expect(page.Locator("#strata tbody tr")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("#strata tbody tr td:last-child")).ToHaveTextAsync(["1", "1", "1", "1"]);
    }

    /// Through its confirmation: 9 returns (two for the case both agencies are involved in).
    private static async Task StartGradingAsync(Journey journey, IPage page, RoundPage round)
    {
        var title = await round.TitleAsync();
        await round.OpenMoveAsync("Start grading");
        var move = await MovePage.ExpectAsync(journey, page, "Start grading");
        await Assertions.Expect(move.Readiness("cases")).ToHaveTextAsync("8");
        await Assertions.Expect(move.WhatHappens).ToContainTextAsync("9 returns will be created");
        await move.ConfirmAsync("Start grading");
        await RoundPage.ExpectAsync(journey, page, title, "Grading", "Round in Grading");
        await round.ExpectDoneAsync("The round is now Grading.");
        Assert.Equal((0, 9), await round.ProgressAsync());
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add a case" })).ToHaveCountAsync(0);
    }

    /// The demo's repeat audit: its auditors' returns at every status, by case and agency.
    private static async Task<RoundPage> FollowProgressAsync(Journey journey, IPage page)
    {
        var round = await RoundPage.OpenAsync(journey, page, RepeatAudit, "Grading");
        var (submitted, total) = await round.ProgressAsync();
        Assert.InRange(submitted, 1, total - 1);
        await Assertions.Expect(page.Locator("#progress-grid tbody tr")).ToHaveCountAsync(12);
        foreach (var status in new[] { "Completed", "In progress", "Not started" })
        {
            await Assertions.Expect(page.Locator("#progress-grid .govuk-tag", new() { HasTextString = status }).First).ToBeVisibleAsync();
        }

        return round;
    }

    /// The open safeguarding concern is followed up first (publishing waits for it), then the
    /// round moves to panel through its confirmation, which says what gets locked.
    private static async Task MoveToPanelAsync(Journey journey, IPage page, RoundPage round)
    {
        var title = await round.TitleAsync();
        var concern = await ConcernPage.OpenFromRoundAsync(journey, page, "NS-2026-005");
        await concern.RecordFollowUpAsync("Spoke to the duty team manager at the front door: the referral was received, a home visit was made the next day and the infant was weighed; a strategy discussion is booked.");
        await RoundPage.ExpectAsync(journey, page, title, "Grading", "Repeat audit, concern followed up");
        await Assertions.Expect(page.GetByText("Immediate safeguarding concern")).ToHaveCountAsync(0);

        await round.OpenMoveAsync("Move to panel");
        var move = await MovePage.ExpectAsync(journey, page, "Move to panel");
        await Assertions.Expect(move.WhatHappens).ToContainTextAsync("will be locked and left out of the findings");
        await move.ConfirmAsync("Move to panel");
        await RoundPage.ExpectAsync(journey, page, title, "Panel", "Repeat audit in Panel");
        await round.ExpectDoneAsync("The round is now Panel.");
    }

    /// The first case, every agency's answers side by side; marking it moderated with nothing
    /// agreed is refused, then every question and the overall grade are agreed.
    private static async Task<string> ModerateACaseAsync(Journey journey, IPage page)
    {
        var moderation = await ModerationPage.OpenFromRoundAsync(journey, page);
        const string reference = "NS-2026-001";
        await Assertions.Expect(moderation.CaseRow(reference)).ToContainTextAsync("Not moderated");
        await moderation.OpenCaseAsync(journey, reference);
        await moderation.MarkModeratedAsync();
        await ErrorState.ExpectSummaryAsync(journey, page, "overall", $"Moderate case {reference}: nothing agreed yet");

        foreach (var question in await moderation.QuestionIdsAsync())
        {
            await moderation.AgreeAsync(question, "Good");
        }

        await moderation.AgreeOverallAsync("Requires improvement", "Agencies' chronologies were used, but health and probation did not pass on the father's history of substance misuse at the strategy meeting.");
        await moderation.MarkModeratedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Panel moderation", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync(page, "Panel moderation, one case moderated");
        await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync($"Case {reference} is moderated.");
        await Assertions.Expect(moderation.CaseRow(reference)).ToContainTextAsync("Moderated");
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the round" }).ClickAsync();
        await journey.CheckAsync(page, "Repeat audit, back from moderation");
        return reference;
    }

    /// A strength and an area for development, each tied to the questions and cases behind it.
    private static async Task<string[]> WriteLearningAsync(Journey journey, IPage page, string moderated)
    {
        var learning = await LearningPage.OpenFromRoundAsync(journey, page);
        string[] texts =
        [
            "Chronologies now summarise what the pattern of events means for the child in most social care records.",
            "Health and probation histories of parental substance misuse still reach strategy meetings late or not at all.",
        ];
        await learning.FillAsync("Strength", texts[0], ["UH-01"], [moderated]);
        await learning.AddAsync();
        await journey.CheckAsync(page, "Learning: a strength added");
        await Assertions.Expect(learning.Points("Strength")).ToContainTextAsync([texts[0]]);
        await learning.FillAsync("Area for development", texts[1], ["UH-03"], [moderated]);
        await learning.AddAsync();
        await journey.CheckAsync(page, "Learning: an area for development added");
        await Assertions.Expect(learning.Points("AreaForDevelopment")).ToContainTextAsync([texts[1]]);
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Back to ") }).ClickAsync();
        await journey.CheckAsync(page, "Repeat audit, back from learning");
        return texts;
    }

    private static async Task<string> AddActionAsync(Journey journey, IPage page, string[] learning)
    {
        var plan = await ActionPlanPage.OpenFromRoundAsync(journey, page);
        await plan.OpenNewAsync(journey);
        const string aim = "Agencies' histories of parental substance misuse reach every strategy meeting";
        await plan.FillAsync("Practice", aim, "Health and probation add a history summary to the strategy meeting template; dip sample 10 meetings.", "Morgan Lee", Health, DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(4), learning[1][..40]);
        await plan.AddAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Action plan: ");
        await journey.CheckAsync(page, "Action plan, an action added");
        await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("added to the plan");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = aim })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Back to ") }).ClickAsync();
        await journey.CheckAsync(page, "Repeat audit, back from the action plan");
        return aim;
    }

    /// Eleven of twelve cases are not moderated and some returns never came in: publishing asks
    /// for a tick and a reason, and refuses without them.
    private static async Task PublishAsync(Journey journey, IPage page)
    {
        var round = new RoundPage(page);
        var title = await round.TitleAsync();
        await round.OpenMoveAsync("Publish findings");
        var move = await MovePage.ExpectAsync(journey, page, "Publish findings");
        await Assertions.Expect(move.WhatHappens).ToContainTextAsync("11 cases of 12 are not moderated");
        await move.ConfirmAsync("Publish findings");
        await ErrorState.ExpectAsync(journey, page, "Understood", "Confirm you understand the findings will be", "Publish findings: no tick, no reason");
        await Assertions.Expect(page.Locator("#Reason-error")).ToContainTextAsync("Enter why the findings should be published before the work is finished");
        await move.UnderstandAsync("The board meets next week and needs the chronology findings; the remaining cases are moderated at the next panel.");
        await move.ConfirmAsync("Publish findings");
        await RoundPage.ExpectAsync(journey, page, title, "Published", "Repeat audit published");
        await round.ExpectDoneAsync("The round is now Published.");
    }

    /// The Coordinator's copy, as the round page downloads it: the round, its findings, the
    /// learning and the action written in this journey.
    private static async Task CheckLearningSummaryAsync(IPage page, string[] learning, string aim)
    {
        var round = new RoundPage(page);
        var title = await round.TitleAsync();
        var (fileName, path) = await round.DownloadLearningSummaryAsync("Download the Coordinator's copy, with every grading and its evidence (Excel workbook)");
        Assert.Matches(@"-learning-summary-with-evidence-\d{4}-\d{2}-\d{2}\.xlsx$", fileName);
        // Playwright keeps a download under a name without an extension, which ClosedXML refuses by path.
        using var file = File.OpenRead(path);
        using var workbook = new XLWorkbook(file);
        var sheets = workbook.Worksheets.Select(w => w.Name).ToList();
        foreach (var sheet in new[] { "Cover", "Headlines", "By question", "By agency", "Learning", "Action plan", "Raw gradings" })
        {
            Assert.Contains(sheet, sheets);
        }

        string Text(string sheet) => string.Join("\n", workbook.Worksheet(sheet).CellsUsed().Select(c => c.GetString()));
        Assert.Contains($"Learning summary: {title}", Text("Cover"), StringComparison.Ordinal);
        Assert.Contains("UH-01", Text("By question"), StringComparison.Ordinal);
        Assert.Contains(learning[0], Text("Learning"), StringComparison.Ordinal);
        Assert.Contains(learning[1], Text("Learning"), StringComparison.Ordinal);
        Assert.Contains(aim, Text("Action plan"), StringComparison.Ordinal);
    }
}
