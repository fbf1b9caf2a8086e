using CaseAudit.BrowserTests.Pages;
using CaseAudit.BrowserTests.Pages.Admin;
using CaseAudit.BrowserTests.Pages.Auditor;
using CaseAudit.BrowserTests.Support;

namespace CaseAudit.BrowserTests.Journeys;

/// The auditor's journeys on the demo's round in grading: a whole return with the keyboard only
/// (an error on the way, saved, left, come back to, submitted) and an immediate safeguarding
/// concern; the same return without JavaScript; and two auditors of one agency saving the same
/// return, the second shown the conflict with what they typed kept.
[Collection(BrowserCollection.Name)]
public sealed class AuditorJourneyTests(Chromium chromium)
{
    // The use-of-history template's sections, in order: graded questions, then those in words.
    private static readonly (string Title, string[] Graded, string[] InWords)[] Sections =
    [
        ("The chronology", ["UH-01", "UH-02", "UH-03", "UH-04"], []),
        ("History informs the present", ["UH-05", "UH-06", "UH-07", "UH-08", "UH-09"], []),
        ("Avoiding 'start-again syndrome'", ["UH-10", "UH-11"], []),
        ("Recognising the cumulative impact of neglect", ["UH-12", "UH-13", "UH-14", "UH-15"], []),
        ("The practitioner's reflection", [], ["UH-16", "UH-17"]),
        ("Feedback from the child and family", [], ["UH-18", "UH-19"]),
    ];

    private const string TooLongMessage = "UH-01: Evidence must be 4,000 characters or fewer (it has 4,001)";

    // An extract pasted from the records, one character over the limit.
    private static readonly string PastedExtract = string.Concat(Enumerable.Repeat("Chronology entry copied from the record, with the date and the agency. ", 60))[..4001];

    // The Admin adds the second police auditor, so that step needs no authenticator.
    private static readonly Dictionary<string, string> NoMfa = new() { ["CaseAudit__RequireMfa"] = "false" };

    [Fact]
    public async Task An_auditor_completes_a_return_with_the_keyboard_only_through_an_error_and_a_break_then_raises_a_safeguarding_concern()
    {
        await using var app = await ServedCaseAudit.StartAsync();
        await Journey.RunAsync(chromium, app, async journey =>
        {
            var page = await journey.PersonAsync("demo.auditor.health");
            await SignInPage.SignInAsDemoAsync(journey, page, "demo.auditor.health");

            // From here on, only Tab, the arrow keys, Space, Enter and typing.
            var myReturns = await MyReturnsPage.OpenFromNavigationAsync(journey, page, keyboard: true);
            var reference = await myReturns.FirstCaseAsync("Not started");
            var tasks = await myReturns.OpenAsync(reference);
            await Assertions.Expect(tasks.StatusOf("The chronology")).ToHaveTextAsync("Not started");

            var section = await tasks.OpenSectionAsync("The chronology");
            await section.AnswerAsync("UH-01", "Good", PastedExtract);
            await section.AnswerAsync("UH-02", "Requires improvement", "The chronology stops at the transfer in; the earlier authority's history is summarised in one line.");
            await section.AnswerAsync("UH-03", "Good", "The chronology records health's missed appointments with dates and what followed.");
            await ChooseNotApplicableAsync(journey, page, section, "UH-04");
            await section.ReasonAsync("UH-04", "No other agency held records on this family before the audit period.");
            await section.SaveAsync();

            // The error summary has focus; Tab and Enter on its link put focus in the field, where
            // the pasted text still is, as is everything else typed.
            await ErrorState.ExpectSummaryAsync(journey, page, TooLongMessage, "The chronology: evidence too long, summary focused");
            await KeyboardOnly.ActivateAsync(page, page.Locator(".govuk-error-summary").GetByRole(AriaRole.Link, new() { Name = TooLongMessage }), "the error summary's link");
            await Assertions.Expect(section.Evidence("UH-01")).ToBeFocusedAsync();
            await Assertions.Expect(section.Evidence("UH-01")).ToHaveValueAsync(PastedExtract);
            await Assertions.Expect(section.Evidence("UH-02")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^The chronology stops at the transfer in"));
            await Assertions.Expect(section.Grade("UH-04", "Not applicable")).ToBeCheckedAsync();
            await Assertions.Expect(section.NotApplicableReason("UH-04")).ToHaveValueAsync("No other agency held records on this family before the audit period.");
            await KeyboardOnly.ReplaceAsync(page, "Every agency's involvement since 2019 is in the chronology, with dates and sources.");
            await section.SaveAsync();

            // Part of the next section, then a break: what was saved is there on coming back.
            section = await section.NextAsync("History informs the present");
            await section.AnswerAsync("UH-05", "Good", "The assessment names the previous plans and why they ended.");
            await section.AnswerAsync("UH-06", "Inadequate", "The current plan repeats the 2021 plan's actions without saying why they did not work then.");
            await section.SaveAsync();
            section = await section.NextAsync("Avoiding 'start-again syndrome'");
            tasks = await section.BackToCaseAsync(reference);
            await Assertions.Expect(tasks.StatusOf("The chronology")).ToHaveTextAsync("Completed");
            await Assertions.Expect(tasks.StatusOf("History informs the present")).ToHaveTextAsync("In progress");
            myReturns = await tasks.BackToMyReturnsAsync();
            await Assertions.Expect(myReturns.StatusOf(reference)).ToHaveTextAsync("In progress");

            tasks = await myReturns.OpenAsync(reference);
            section = await tasks.OpenSectionAsync("The chronology");
            await Assertions.Expect(section.Evidence("UH-01")).ToHaveValueAsync("Every agency's involvement since 2019 is in the chronology, with dates and sources.");
            await Assertions.Expect(section.Grade("UH-04", "Not applicable")).ToBeCheckedAsync();
            await Assertions.Expect(section.NotApplicableReason("UH-04")).ToBeVisibleAsync();
            tasks = await section.BackToCaseAsync(reference);
            section = await tasks.OpenSectionAsync("History informs the present");
            await Assertions.Expect(section.Evidence("UH-06")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^The current plan repeats"));
            await AnswerAsync(section, Sections[1], skip: 2);
            myReturns = await AnswerRestAsync(journey, page, section, reference, keyboard: true);

            // An immediate safeguarding concern on another case: sent empty first, then written.
            var other = await myReturns.FirstCaseAsync("Not started");
            tasks = await myReturns.OpenAsync(other);
            var concern = await tasks.RaiseConcernAsync();
            await concern.RaiseAsync();
            await ErrorState.ExpectAsync(journey, page, "Input_WhatWasSeen", "Describe what you found", "Raise a concern: nothing written");
            await KeyboardOnly.ActivateAsync(page, page.Locator(".govuk-error-summary").GetByRole(AriaRole.Link, new() { Name = "Say what you have done, for example the referral you made" }), "the summary's second link");
            await Assertions.Expect(concern.WhatWasDone).ToBeFocusedAsync();
            await KeyboardOnly.ReplaceAsync(page, "Referral made to the front door at 10:40; my manager is informed.");
            // Back up the form with Shift+Tab to the first field, as a keyboard user would.
            await page.Keyboard.PressAsync("Shift+Tab");
            await Assertions.Expect(concern.WhatWasFound).ToBeFocusedAsync();
            await KeyboardOnly.ReplaceAsync(page, "A health visitor's note from last week records a bruise on the baby with no explanation given.");
            await concern.RaiseAsync();
            await concern.ExpectRaisedAsync();
        });
    }

    [Fact]
    public async Task An_auditor_completes_and_submits_a_whole_return_without_javascript()
    {
        await using var app = await ServedCaseAudit.StartAsync();
        await Journey.RunAsync(chromium, app, async journey =>
        {
            var page = await journey.PersonAsync("demo.auditor.education", javaScript: false);
            await SignInPage.SignInAsDemoAsync(journey, page, "demo.auditor.education");
            var myReturns = await MyReturnsPage.OpenFromNavigationAsync(journey, page);
            var reference = await myReturns.FirstCaseAsync("Not started");
            var tasks = await myReturns.OpenAsync(reference);
            var section = await tasks.OpenSectionAsync("The chronology");

            // Without script no reason is hidden, so "Not applicable" and its reason are both there.
            await Assertions.Expect(section.NotApplicableReason("UH-04")).ToBeVisibleAsync();
            await section.AnswerAsync("UH-01", "Good", PastedExtract);
            await section.AnswerAsync("UH-02", "Outstanding", "The school's chronology is shared each term with the social worker.");
            await section.AnswerAsync("UH-03", "Good", "Attendance and missing episodes are dated and sourced.");
            await section.GradeAsync("UH-04", "Not applicable");
            await section.ReasonAsync("UH-04", "The child joined the school during the audit period; no earlier school records.");
            await section.SaveAsync();
            await ErrorState.ExpectSummaryAsync(journey, page, TooLongMessage, "The chronology without script: evidence too long, summary", withScript: false);
            await Assertions.Expect(section.NotApplicableReason("UH-04")).ToHaveValueAsync("The child joined the school during the audit period; no earlier school records.");
            await section.EvidenceAsync("UH-01", "The school's records since reception are in the chronology.");
            await section.SaveAsync();

            section = await section.NextAsync("History informs the present");
            await AnswerAsync(section, Sections[1], skip: 0);
            await AnswerRestAsync(journey, page, section, reference, keyboard: false);
        });
    }

    [Fact]
    public async Task The_second_of_two_auditors_saving_one_return_sees_the_conflict_with_what_they_typed_kept()
    {
        await using var app = await ServedCaseAudit.StartAsync(settings: NoMfa);
        await Journey.RunAsync(chromium, app, async journey =>
        {
            // A second police auditor, added by the Admin, signs in and chooses a password.
            var admin = await journey.PersonAsync("demo.admin");
            await SignInPage.SignInAsDemoAsync(journey, admin, "demo.admin");
            var users = await UsersPage.OpenFromNavigationAsync(journey, admin);
            var newUser = await users.AddAUserAsync();
            await newUser.AddAsync("q.police", "Quinn Police", "Auditor", "temporary-harbour-crossing-9", agency: "Northshire Police");
            var quinn = await journey.PersonAsync("q.police");
            var signIn = await SignInPage.OpenAsync(journey, quinn);
            await signIn.SignInAsync("q.police", "temporary-harbour-crossing-9");
            await (await ChangePasswordPage.ArriveAsync(journey, quinn)).ChangeAsync("temporary-harbour-crossing-9", "quiet-meadow-lighthouse-314");

            // Both open the chronology of the same return.
            var pat = await journey.PersonAsync("demo.auditor.police");
            await SignInPage.SignInAsDemoAsync(journey, pat, "demo.auditor.police");
            var patReturns = await MyReturnsPage.OpenFromNavigationAsync(journey, pat);
            var reference = await patReturns.FirstCaseAsync("In progress");
            var patSection = await (await patReturns.OpenAsync(reference)).OpenSectionAsync("The chronology");
            var quinnSection = await (await (await MyReturnsPage.OpenFromNavigationAsync(journey, quinn)).OpenAsync(reference)).OpenSectionAsync("The chronology");

            const string QuinnsEvidence = "Four domestic abuse notifications in 2024, all sent to children's social care the next day.";
            const string PatsEvidence = "The notifications were sent, but none reached the multi-agency chronology.";
            await quinnSection.EvidenceAsync("UH-01", QuinnsEvidence);
            await quinnSection.SaveAsync();
            await quinnSection.NextAsync("History informs the present");

            // Pat saves second: nothing overwritten, both versions side by side, Pat's text kept.
            await patSection.EvidenceAsync("UH-01", PatsEvidence);
            await patSection.SaveAsync();
            patSection = await patSection.AgainAsync("The chronology: someone else saved it first");
            await Assertions.Expect(patSection.Conflict).ToContainTextAsync("q.police saved it");
            await Assertions.Expect(patSection.Conflict).ToContainTextAsync("Nothing has been overwritten.");
            await Assertions.Expect(patSection.Differences).ToContainTextAsync(QuinnsEvidence);
            await Assertions.Expect(patSection.Differences).ToContainTextAsync(PatsEvidence);
            await Assertions.Expect(patSection.Evidence("UH-01")).ToHaveValueAsync(PatsEvidence);

            // Saving again is Pat's choice to replace Quinn's answer, which Quinn then sees.
            await patSection.SaveAsync();
            await patSection.NextAsync("History informs the present");
            quinnSection = await (await quinnSection.BackToCaseAsync(reference)).OpenSectionAsync("The chronology");
            await Assertions.Expect(quinnSection.Evidence("UH-01")).ToHaveValueAsync(PatsEvidence);
        });
    }

    /// Picks "Not applicable", whose reason GOV.UK Frontend's script then reveals: a page state
    /// of its own, checked like any other.
    private static async Task ChooseNotApplicableAsync(Journey journey, IPage page, SectionPage section, string question)
    {
        await Assertions.Expect(section.NotApplicableReason(question)).ToBeHiddenAsync();
        await section.GradeAsync(question, "Not applicable");
        await Assertions.Expect(section.NotApplicableReason(question)).ToBeVisibleAsync();
        await journey.CheckAsync(page, $"{section.Title}: {question} not applicable, its reason revealed");
    }

    /// A section's questions after the first skip, each graded Good with evidence (or answered in
    /// words), then saved.
    private static async Task AnswerAsync(SectionPage section, (string Title, string[] Graded, string[] InWords) part, int skip)
    {
        foreach (var question in part.Graded.Skip(skip))
        {
            await section.AnswerAsync(question, "Good", $"What the records show for {question}, with dates.");
        }

        foreach (var question in part.InWords.Skip(skip))
        {
            await section.InWordsAsync(question, $"What the practitioner and the family said for {question}.");
        }

        await section.SaveAsync();
    }

    /// From the section after section's (saved) one to the end: the rest of the sections, the
    /// overall page, check answers and submit; the return then shows as submitted.
    private static async Task<MyReturnsPage> AnswerRestAsync(Journey journey, IPage page, SectionPage section, string reference, bool keyboard)
    {
        var from = Array.FindIndex(Sections, s => s.Title == section.Title) + 1;
        foreach (var part in Sections[from..])
        {
            section = await section.NextAsync(part.Title);
            await AnswerAsync(section, part, skip: 0);
        }

        var overall = await OverallPage.ExpectAsync(journey, page, reference, keyboard);
        var tasks = await overall.AnswerAsync("Good", "The child's worries about moving school are recorded in their own words.");
        foreach (var part in Sections)
        {
            await Assertions.Expect(tasks.StatusOf(part.Title)).ToHaveTextAsync("Completed");
        }

        var check = await tasks.CheckAnswersAsync();
        await Assertions.Expect(check.Missing).ToHaveCountAsync(0);
        await Assertions.Expect(check.Answer("UH-04")).ToContainTextAsync("Not applicable");
        await Assertions.Expect(check.Answer("Overall grade")).ToHaveTextAsync("Good");
        var myReturns = await check.SubmitAsync();
        await Assertions.Expect(myReturns.Done).ToContainTextAsync($"Your return for case {reference} is submitted.");
        // GOV.UK's task list: a submitted return is "Completed", in plain text.
        await Assertions.Expect(myReturns.StatusOf(reference)).ToHaveTextAsync("Completed");
        return myReturns;
    }
}
