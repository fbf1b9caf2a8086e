using CaseAudit.Web.Data;
using CaseAudit.Web.Demo;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Rounds;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Demo;

/// What a board member signing in for the first time finds: a published round that shows what
/// CaseAudit is for.
public sealed class DemoPublishedRoundTests
{
    private static DemoRoundStory Published => DemoPartnership.Story.Published;

    [Fact]
    public async Task The_board_sees_the_demo_rounds_learning_action_plan_with_progress_and_agreement_with_the_panel()
    {
        await using var app = DemoApps.New();
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var board = await app.SignInAsDemoAsync("demo.board");

        Assert.Contains(Published.Title, (await board.GetDocumentAsync("/board")).QuerySelector("main")!.TextContent);
        var page = await board.GetDocumentAsync($"/board/rounds/{DemoRounds.PublishedRoundId}");
        var main = page.QuerySelector("main")!.TextContent;

        // Findings from the panel's agreed grades, for every case.
        Assert.Contains($"Agreed grades from panel moderation of all {Published.Cases.Count} cases.", main);

        // Learning: every point the panel recorded, strengths and areas for development.
        Assert.All(Published.Learning, l => Assert.Contains(l.Text, main));
        Assert.Contains("Strengths", main);
        Assert.Contains("Areas for development", main);

        // The action plan: RAG counts as the story left them, each action's current position and
        // its dated progress history.
        var expectedRag = Published.Actions.GroupBy(a => a.ClosedWeek is not null ? "Complete" : a.Progress[^1].Rag).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Count()} {g.Key}");
        Assert.Equal(string.Join(", ", expectedRag), page.QuerySelector("#rag-counts")!.TextContent.Trim());
        Assert.True(expectedRag.Count() >= 3);
        var stored = store.PlanActions.FindAll().ToList();
        foreach (var (a, i) in Published.Actions.Select((a, i) => (a, i)))
        {
            var row = page.QuerySelector($"#action-A{i + 1}")!;
            Assert.Contains(a.Aim, row.TextContent);
            Assert.Contains(a.Progress[^1].Text, row.TextContent);
            var history = row.QuerySelectorAll(".progress-history li").Select(li => li.TextContent).ToList();
            Assert.Equal(a.Progress.Count, history.Count);
            Assert.All(a.Progress.Zip(history), p => Assert.Contains($"{p.First.Rag}: {p.First.Text}", p.Second));
            Assert.Contains($"Progress history for A{i + 1} ({a.Progress.Count} updates)", row.TextContent);
        }

        // Updates spread over months, not written in one go.
        var dates = stored.SelectMany(a => a.Progress.Select(p => p.At)).ToList();
        Assert.True((dates.Max() - dates.Min()).TotalDays > 150);

        // Agreement: each agency's own grades against the panel's, with the dissent counted.
        var agreement = app.Services.GetRequiredService<RoundFindingsReader>().Agreement(store.Rounds.FindById(DemoRounds.PublishedRoundId))!;
        Assert.Contains(agreement.Overall.Describe(), main);
        Assert.InRange(agreement.Overall.ExactAgreement!.Value, 0.4, 0.95);
        // "All agencies", then one row per agency.
        var rows = page.QuerySelectorAll("#agreement-table tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(Published.Agencies.Count + 1, rows.Count);
        Assert.All(rows, r => Assert.Matches(@"\d+%", r));
        var dissents = Published.Moderation.Values.Sum(m => m.Dissent.Count);
        var dissentingCases = Published.Moderation.Values.Count(m => m.Dissent.Count > 0);
        Assert.StartsWith($"Agencies recorded {dissents} dissents on {dissentingCases} cases", page.QuerySelector("#dissent")!.TextContent.Trim());

        // Aggregates only: none of the panel's case notes, dissent reasons or agencies' evidence.
        Assert.All(Published.Moderation.Values, m =>
        {
            Assert.DoesNotContain(m.Rationale, main);
            Assert.All(m.Notes.Values.Concat(m.Dissent.Select(d => d.Reason)), text => Assert.DoesNotContain(text, main));
        });
        Assert.All(store.Returns.Find(r => r.RoundId == DemoRounds.PublishedRoundId).SelectMany(r => r.Answers.Values).Select(a => a.Evidence).OfType<string>(),
            evidence => Assert.DoesNotContain(evidence, main));
    }

    [Fact]
    public async Task The_coordinators_findings_page_shows_agreement_the_panels_grades_and_the_dissent()
    {
        await using var app = DemoApps.New();
        var coordinator = await app.SignInAsDemoAsync(DemoRounds.Coordinator);

        var page = await coordinator.GetDocumentAsync($"/rounds/{DemoRounds.PublishedRoundId}/findings");

        var agreement = page.QuerySelectorAll("#agreement tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(Published.Agencies.Count, agreement.Count);
        Assert.All(agreement, r => Assert.Matches(@"\d+%", r));
        Assert.Contains(page.QuerySelectorAll("#agreement td").Select(td => td.TextContent.Trim()), k => System.Text.RegularExpressions.Regex.IsMatch(k, @"^-?\d\.\d\d$"));
        // The panel's agreed grades in their own table, not a row among the agencies.
        Assert.Contains("Panel's agreed grade", page.QuerySelector("#by-panel")!.TextContent);
        Assert.DoesNotContain("Panel", page.QuerySelector("#by-agency tbody")!.TextContent);
        var byCase = page.QuerySelectorAll("#by-case tbody th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Equal(Published.Cases.Select(c => c.Reference).Order(StringComparer.Ordinal), byCase);

        var dissent = page.QuerySelectorAll("#dissent tbody tr").Select(r => r.TextContent).ToList();
        var expected = Published.Moderation.SelectMany(m => m.Value.Dissent.Select(d => (Case: m.Key, d))).OrderBy(x => x.Case, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Count, dissent.Count);
        Assert.All(expected.Zip(dissent), x =>
        {
            Assert.Contains(x.First.Case, x.Second);
            Assert.Contains(x.First.d.Reason, x.Second);
            Assert.Contains(x.First.d.Question ?? "Overall grade", x.Second);
        });
    }

    [Fact]
    public async Task Each_moderated_case_shows_the_panels_agreed_grades_and_notes()
    {
        await using var app = DemoApps.New();
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var coordinator = await app.SignInAsDemoAsync(DemoRounds.Coordinator);

        var index = (await coordinator.GetDocumentAsync($"/rounds/{DemoRounds.PublishedRoundId}/moderation")).QuerySelector("main")!.TextContent;
        Assert.DoesNotContain("Not moderated", index);

        var (reference, notes) = Published.Moderation.First(m => m.Value.Dissent.Count > 0 && m.Value.Notes.Count > 0);
        var sampled = store.Cases.FindOne(c => c.Reference == reference);
        var page = (await coordinator.GetDocumentAsync($"/rounds/{DemoRounds.PublishedRoundId}/moderation/{sampled.Id}")).QuerySelector("main")!.TextContent;

        Assert.Contains(notes.Rationale, page);
        Assert.All(notes.Notes.Values, note => Assert.Contains(note, page));
        Assert.All(notes.Dissent, d => Assert.Contains(d.Reason, page));
        Assert.Equal(ModerationStatus.Moderated, store.Moderations.FindById(sampled.Id).Status);
    }

    [Fact]
    public async Task The_case_actions_are_with_the_agencies_auditors_some_done_some_still_open()
    {
        await using var app = DemoApps.New();
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var actions = store.CaseActions.Find(a => a.RoundId == DemoRounds.PublishedRoundId).ToList();

        Assert.Equal(Published.CaseActions.Count, actions.Count);
        Assert.Contains(actions, a => a.Done);
        Assert.Contains(actions, a => !a.Done);
        Assert.All(actions.Where(a => a.Done), a => Assert.Equal($"demo.auditor.{a.AgencyId}", a.DoneBy));

        foreach (var agency in actions.Select(a => a.AgencyId).Distinct())
        {
            var auditor = await app.SignInAsDemoAsync($"demo.auditor.{agency}");
            var page = (await auditor.GetDocumentAsync("/case-actions")).QuerySelector("main")!.TextContent;
            Assert.All(actions.Where(a => a.AgencyId == agency), a => Assert.Contains(a.What, page));
            Assert.All(actions.Where(a => a.AgencyId != agency), a => Assert.DoesNotContain(a.What, page));
        }
    }

    [Fact]
    public async Task The_repeat_audit_carries_over_the_open_actions_one_of_them_overdue()
    {
        await using var app = DemoApps.New();
        var coordinator = await app.SignInAsDemoAsync(DemoRounds.Coordinator);

        var page = await coordinator.GetDocumentAsync($"/rounds/{DemoRounds.GradingRoundId}/actions");

        var open = Published.Actions.Select((a, i) => (a, Ref: $"A{i + 1}")).Where(x => x.a.ClosedWeek is null).ToList();
        Assert.Equal(open.Select(x => x.Ref).Order(), page.QuerySelectorAll("tr[id^=action-]").Select(r => r.Id!["action-".Length..]).Order());
        Assert.All(open, x => Assert.Contains($"Carried over from {Published.Title}", page.QuerySelector($"#action-{x.Ref}")!.TextContent));
        Assert.Single(page.QuerySelectorAll(".overdue"));
    }
}
