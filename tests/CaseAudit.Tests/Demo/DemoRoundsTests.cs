using System.Text.Json;
using CaseAudit.Web.Data;
using CaseAudit.Web.Demo;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;
using CaseAudit.Web.Templates;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Demo;

public sealed class DemoRoundsTests
{
    // Every agency has a demo auditor, who fills in its returns.
    private static readonly string[] DemoAuditorAgencies = [.. DemoPartnership.People.Where(p => p.AgencyId is not null).Select(p => p.AgencyId!)];

    [Fact]
    public async Task Development_has_a_published_round_and_a_grading_round_of_twelve_cases()
    {
        await using var app = new CaseAuditApp(environment: "Development");
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var rounds = store.Rounds.FindAll().OrderBy(r => r.Id).ToList();
        Assert.Equal([DemoRounds.PublishedRoundId, DemoRounds.GradingRoundId], rounds.Select(r => r.Id));

        var published = rounds[0];
        Assert.Equal(RoundStatus.Published, published.Status);
        Assert.Equal([RoundStatus.Grading, RoundStatus.Panel, RoundStatus.Published], published.History.Select(h => h.To));
        Assert.Equal(published.History.Select(h => h.At).Order(), published.History.Select(h => h.At));
        Assert.True(published.History[^1].At < DateTime.UtcNow);
        Assert.True(published.GradingDeadline < today && published.GradingDeadline > published.PeriodTo);
        Assert.Equal(["social-care", "health", "police", "education"], published.AgencyIds);
        Assert.Equal(10, store.Cases.Count(c => c.RoundId == published.Id));
        // Ready to publish without any warning: every return submitted, every case moderated.
        Assert.All(store.Returns.Find(r => r.RoundId == published.Id), r => Assert.Equal(ReturnStatus.Submitted, r.Status));
        Assert.All(store.Cases.Find(c => c.RoundId == published.Id), c => Assert.Equal(ModerationStatus.Moderated, store.Moderations.FindById(c.Id).Status));
        Assert.NotNull(store.PublishedFindings.FindById(published.Id));

        var grading = rounds[1];
        Assert.Equal(RoundStatus.Grading, grading.Status);
        Assert.Equal([RoundStatus.Grading], grading.History.Select(h => h.To));
        Assert.True(grading.GradingDeadline > today);
        Assert.True(grading.PeriodTo < today && grading.PeriodFrom < grading.PeriodTo);
        Assert.Equal(DemoPartnership.Agencies.Select(a => a.Id), grading.AgencyIds);
        Assert.Equal(published.TemplateId, grading.TemplateId);

        var cases = store.Cases.Find(c => c.RoundId == grading.Id).ToList();
        Assert.Equal(12, cases.Count);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"NS-2026-{i:000}"), cases.Select(c => c.Reference).Order());
        Assert.All(cases, c =>
        {
            Assert.Contains("social-care", c.AgencyIds);
            Assert.InRange(c.AgencyIds.Count, 2, 5);
            Assert.Contains(c.AgeBand, CaseFacts.AgeBands);
            Assert.Contains(c.Level, CaseFacts.Levels);
            Assert.All(c.Categories, x => Assert.Contains(x, CaseFacts.NeglectCategories));
            Assert.All(c.RiskFactors, x => Assert.Contains(x, CaseFacts.RiskFactors));
            Assert.Contains(c.AssessmentTool, CaseFacts.AssessmentTools);
        });

        // Varied enough for findings to be sliced: every age band, several levels and tools.
        Assert.Equal(CaseFacts.AgeBands.Count, cases.Select(c => c.AgeBand).Distinct().Count());
        Assert.True(cases.Select(c => c.Level).Distinct().Count() >= 4);
        Assert.Equal(CaseFacts.AssessmentTools.Count, cases.Select(c => c.AssessmentTool).Distinct().Count());

        // One return per case and involved agency, keyed as RoundPlanner keys them.
        var returns = store.Returns.Find(r => r.RoundId == grading.Id).ToList();
        Assert.Equal(cases.Sum(c => c.AgencyIds.Count), returns.Count);
        Assert.All(returns, r => Assert.Equal(AgencyReturn.KeyOf(r.CaseId, r.AgencyId), r.Id));
    }

    [Fact]
    public async Task Every_demo_auditor_has_returns_at_every_status_in_the_grading_round()
    {
        await using var app = new CaseAuditApp(environment: "Development");
        var returns = app.Services.GetRequiredService<CaseAuditStore>().Returns.Find(r => r.RoundId == DemoRounds.GradingRoundId).ToList();

        foreach (var agency in DemoAuditorAgencies)
        {
            var statuses = returns.Where(r => r.AgencyId == agency).Select(r => r.Status).Distinct().Order();
            Assert.Equal(Enum.GetValues<ReturnStatus>(), statuses);
        }

        // About a third at each status.
        Assert.All(Enum.GetValues<ReturnStatus>(), s => Assert.InRange(returns.Count(r => r.Status == s), returns.Count / 4, returns.Count / 2));

        Assert.All(returns.Where(r => r.Status == ReturnStatus.NotStarted), r =>
        {
            Assert.Equal(0, r.Version);
            Assert.Empty(r.Answers);
            Assert.Null(r.UpdatedBy);
        });
        Assert.All(returns.Where(r => r.Status == ReturnStatus.InProgress), r =>
        {
            Assert.True(r.Version >= 1);
            Assert.NotEmpty(r.Answers);
            Assert.Null(r.SubmittedAt);
            Assert.Equal($"demo.auditor.{r.AgencyId}", r.UpdatedBy);
        });
    }

    [Fact]
    public async Task Every_submitted_return_passes_the_submit_rules_and_every_draft_the_draft_rules()
    {
        await using var app = new CaseAuditApp(environment: "Development");
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var library = app.Services.GetRequiredService<TemplateLibrary>();
        var rounds = store.Rounds.FindAll().ToDictionary(r => r.Id);
        var returns = store.Returns.FindAll().ToList();
        Assert.Equal(2, rounds.Count);
        Assert.Equal(DemoAuditorAgencies.Order(), DemoPartnership.Agencies.Select(a => a.Id).Order());

        foreach (var r in returns)
        {
            var round = rounds[r.RoundId];
            var template = library.Parse(library.Find(round.TemplateId, round.TemplateVersion)!);
            if (r.Status == ReturnStatus.Submitted)
            {
                Assert.Empty(ReturnRules.ForSubmit(template, r));
                Assert.NotNull(r.SubmittedAt);
                Assert.NotNull(r.SubmittedBy);
            }
            else
            {
                Assert.Empty(ReturnRules.ForDraft(template, r));
            }
        }

        // Some drafts are genuinely unfinished, not just submitted returns marked as drafts.
        var aTemplate = library.Parse(library.Find(DemoRounds.TemplateId, rounds[DemoRounds.GradingRoundId].TemplateVersion)!);
        Assert.All(returns.Where(r => r.Status == ReturnStatus.InProgress), r => Assert.NotEmpty(ReturnRules.ForSubmit(aTemplate, r)));

        var answers = returns.Where(r => r.Status == ReturnStatus.Submitted).SelectMany(r => r.Answers.Values).ToList();
        var notApplicable = answers.Count(a => a.NotApplicable);
        var graded = answers.Count(a => a.Grade is not null);
        Assert.InRange(notApplicable, graded / 30, graded / 8);
        Assert.Contains(answers, a => a.Strengths is not null);
        Assert.Contains(answers, a => a.Better is not null);
        Assert.Contains(answers, a => a.Text is not null);
        Assert.True(answers.Where(a => a.Grade is not null).Select(a => a.Grade).Distinct().Count() >= 3);
    }

    [Fact]
    public async Task Grades_show_a_pattern_worth_comparing_between_the_rounds()
    {
        await using var app = new CaseAuditApp(environment: "Development");
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var library = app.Services.GetRequiredService<TemplateLibrary>();
        var scale = library.Parse(library.Find(DemoRounds.TemplateId, null)!).Scale;
        string[] chronology = ["UH-01", "UH-02", "UH-03", "UH-04"];

        double GoodRate(IEnumerable<AgencyReturn> returns, Func<string, bool> question)
        {
            var grades = returns.SelectMany(r => r.Answers.Where(a => question(a.Key) && a.Value.Grade is not null).Select(a => a.Value.Grade!)).ToList();
            Assert.NotEmpty(grades);
            return grades.Count(scale.IsGoodOrBetter) / (double)grades.Count;
        }

        var published = store.Returns.Find(r => r.RoundId == DemoRounds.PublishedRoundId).ToList();
        var grading = store.Returns.Find(r => r.RoundId == DemoRounds.GradingRoundId && r.Status == ReturnStatus.Submitted).ToList();

        // Chronology mostly requires improvement in the earlier round, and better in the new one.
        Assert.True(GoodRate(published, chronology.Contains) < 0.5);
        Assert.True(GoodRate(grading, chronology.Contains) > GoodRate(published, chronology.Contains));

        // The police a little weaker on history than the other agencies.
        Assert.True(GoodRate(published.Where(r => r.AgencyId == "police"), _ => true) < GoodRate(published.Where(r => r.AgencyId != "police"), _ => true));
    }

    [Fact]
    public async Task Every_case_reference_is_pseudonymous()
    {
        await using var app = new CaseAuditApp(environment: "Development");
        var cases = app.Services.GetRequiredService<CaseAuditStore>().Cases.FindAll().ToList();

        Assert.Equal(22, cases.Count);
        Assert.All(cases, c => Assert.Null(CaseReference.Problem(c.Reference)));
        Assert.Equal(cases.Count, cases.Select(c => c.Reference).Distinct().Count());
    }

    [Fact]
    public async Task One_open_concern_is_raised_by_the_health_auditor_on_a_grading_case()
    {
        await using var app = new CaseAuditApp(environment: "Development");
        var store = app.Services.GetRequiredService<CaseAuditStore>();

        var concern = Assert.Single(store.Concerns.FindAll(), c => c.IsOpen);
        Assert.Equal(DemoRounds.GradingRoundId, concern.RoundId);
        Assert.Equal("health", concern.AgencyId);
        Assert.Equal("demo.auditor.health", concern.RaisedBy);
        Assert.InRange(concern.RaisedAt, DateTime.UtcNow.AddDays(-2), DateTime.UtcNow);
        Assert.False(string.IsNullOrWhiteSpace(concern.WhatWasSeen));
        Assert.False(string.IsNullOrWhiteSpace(concern.ActionTaken));

        var @case = store.Cases.FindById(concern.CaseId);
        Assert.Equal(DemoRounds.GradingRoundId, @case.RoundId);
        // Found while reading the records for a return still being worked on.
        Assert.Equal(ReturnStatus.InProgress, store.Returns.FindById(AgencyReturn.KeyOf(@case.Id, "health")).Status);

        // It is what stops the open round being published until someone follows it up.
        var readiness = app.Services.GetRequiredService<CaseAudit.Web.Rounds.RoundPlanner>()
            .Readiness(store.Rounds.FindById(DemoRounds.GradingRoundId));
        Assert.Equal(1, readiness.OpenConcerns);

        // The published round's concern was followed up by the Coordinator, before publishing.
        var followedUp = Assert.Single(store.Concerns.FindAll(), c => !c.IsOpen);
        Assert.Equal(DemoRounds.PublishedRoundId, followedUp.RoundId);
        Assert.Equal(DemoRounds.Coordinator, followedUp.FollowUpBy);
        Assert.True(followedUp.FollowUpAt < BoardPublishedAt(store.Rounds.FindById(DemoRounds.PublishedRoundId)));
    }

    private static DateTime BoardPublishedAt(Round round) => round.History.Single(h => h.To == RoundStatus.Published).At;

    [Fact]
    public async Task Two_fresh_data_files_hold_identical_demos()
    {
        await using var one = new CaseAuditApp(environment: "Development");
        await using var two = new CaseAuditApp(environment: "Development");

        var first = Snapshot(one.Services.GetRequiredService<CaseAuditStore>());
        var second = Snapshot(two.Services.GetRequiredService<CaseAuditStore>());

        Assert.Contains("NS-2026-012", first);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Each_demo_auditor_sees_a_task_list_and_the_coordinator_sees_both_rounds()
    {
        // MFA off (Development only) so the coordinator can sign in without enrolling.
        await using var app = new CaseAuditApp(environment: "Development", settings: new() { ["CaseAudit:RequireMfa"] = "false" });
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var plainHttp = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false };

        foreach (var agency in DemoAuditorAgencies)
        {
            var client = app.CreateClient(plainHttp);
            await client.PostSignInAsync($"demo.auditor.{agency}", DemoPartnership.Password);
            var page = (await client.GetDocumentAsync("/returns")).QuerySelector("main")!.TextContent;

            var own = store.Returns.Find(r => r.RoundId == DemoRounds.GradingRoundId && r.AgencyId == agency).Select(r => store.Cases.FindById(r.CaseId).Reference).ToList();
            Assert.NotEmpty(own);
            Assert.All(own, reference => Assert.Contains(reference, page));
            var others = store.Cases.Find(c => c.RoundId == DemoRounds.GradingRoundId && !c.AgencyIds.Contains(agency)).Select(c => c.Reference).ToList();
            Assert.All(others, reference => Assert.DoesNotContain(reference, page));
        }

        var coordinator = app.CreateClient(plainHttp);
        await coordinator.PostSignInAsync("demo.coordinator", DemoPartnership.Password);
        var rounds = (await coordinator.GetDocumentAsync("/rounds")).QuerySelector("main")!.TextContent;
        Assert.Contains("Use of history: autumn 2025", rounds);
        Assert.Contains("Use of history: repeat audit", rounds);
        var open = (await coordinator.GetDocumentAsync($"/rounds/{DemoRounds.GradingRoundId}")).QuerySelector("main")!.TextContent;
        Assert.Contains("NS-2026-012", open);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await coordinator.GetAsync($"/rounds/{DemoRounds.PublishedRoundId}")).StatusCode);
    }

    [Theory]
    [InlineData("Testing")]
    [InlineData("Production")]
    public async Task Only_development_creates_demo_rounds(string environment)
    {
        await using var app = new CaseAuditApp(environment: environment);
        var store = app.Services.GetRequiredService<CaseAuditStore>();

        Assert.Equal(0, store.Rounds.Count());
        Assert.Equal(0, store.Cases.Count());
        Assert.Equal(0, store.Returns.Count());
        Assert.Equal(0, store.Concerns.Count());
        Assert.Equal(0, store.Users.Count());
        Assert.Equal(0, store.Moderations.Count());
        Assert.Equal(0, store.PlanActions.Count());
    }

    // Everything but the people, whose ids and security stamps are random by design.
    internal static string Snapshot(CaseAuditStore store) => JsonSerializer.Serialize(new
    {
        agencies = store.Agencies.FindAll().OrderBy(a => a.Id).ToList(),
        rounds = store.Rounds.FindAll().OrderBy(r => r.Id).ToList(),
        cases = store.Cases.FindAll().OrderBy(c => c.Id).ToList(),
        returns = store.Returns.FindAll().OrderBy(r => r.Id).ToList(),
        concerns = store.Concerns.FindAll().OrderBy(c => c.Id).ToList(),
        moderations = store.Moderations.FindAll().OrderBy(m => m.Id).ToList(),
        learning = store.LearningPoints.FindAll().OrderBy(l => l.Id).ToList(),
        actions = store.PlanActions.FindAll().OrderBy(a => a.Id).ToList(),
        caseActions = store.CaseActions.FindAll().OrderBy(a => a.Id).ToList(),
        published = store.PublishedFindings.FindAll().OrderBy(p => p.Id).ToList(),
    });
}
