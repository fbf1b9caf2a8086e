using System.Net;
using CaseAudit.Web.Data;
using CaseAudit.Web.Demo;
using CaseAudit.Web.Domain;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Templates;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Demo;

/// The demo is seeded through the desks, as its people, and its words come from the data file.
public sealed class DemoSeedTests
{
    private static DemoStory Story => DemoPartnership.Story;

    [Fact]
    public async Task Every_demo_change_has_the_audit_entry_its_desk_writes_and_the_trail_verifies()
    {
        await using var app = DemoApps.New();
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var entries = AuditTrail.All(store).ToList();
        var byType = entries.GroupBy(e => e.Type).ToDictionary(g => g.Key, g => g.Count());
        var returns = store.Returns.FindAll().ToList();
        var published = Story.Published;

        // The shipped templates are published first, by CaseAudit itself; then only the desks'
        // own entry types, as many as the story has changes, and one entry saying what happened.
        var demo = entries.SkipWhile(e => e.Type.StartsWith("template.", StringComparison.Ordinal)).ToList();
        Assert.Equal(new Dictionary<string, int>
        {
            ["user.created"] = Story.People.Count,
            ["agency.created"] = Story.Agencies.Count,
            ["round.created"] = 2,
            ["case.added"] = 2,
            // Grading, Panel and Published for the first round; Grading for the second.
            ["round.status-changed"] = 4,
            // Saved section by section as the return pages do: every version but the submit.
            ["return.saved"] = returns.Sum(r => r.Version) - returns.Count(r => r.Status == ReturnStatus.Submitted),
            ["return.submitted"] = returns.Count(r => r.Status == ReturnStatus.Submitted),
            ["concern.raised"] = 2,
            ["concern.followed-up"] = 1,
            ["moderation.saved"] = published.Cases.Count,
            ["moderation.completed"] = published.Cases.Count,
            ["learning.added"] = published.Learning.Count,
            ["case-action.created"] = published.CaseActions.Count,
            ["case-action.done"] = published.CaseActions.Count(a => a.DoneWeek is not null),
            ["action.created"] = published.Actions.Count,
            ["action.progress"] = published.Actions.Sum(a => a.Progress.Count),
            ["action.closed"] = published.Actions.Count(a => a.ClosedWeek is not null),
            ["demo.seeded"] = 1,
        }, demo.GroupBy(e => e.Type).ToDictionary(g => g.Key, g => g.Count()));
        Assert.Equal(entries.Count, byType.Values.Sum());

        // Each change made by one of the demo's people; only the closing note is CaseAudit's.
        var people = Story.People.Select(p => p.UserName).ToHashSet();
        Assert.All(demo.SkipLast(1), e => Assert.Contains(e.ActorName, people));
        Assert.Equal(("demo.seeded", AuditEvent.SystemActor), (demo[^1].Type, demo[^1].ActorName));
        Assert.All(demo.Where(e => e.Type.StartsWith("return.", StringComparison.Ordinal)), e => Assert.StartsWith("demo.auditor.", e.ActorName));

        // Every stored version is one audited change: a return's version counts its saves, a
        // plan action's its creation, progress and closing.
        Assert.All(returns, r => Assert.Equal(r.Version, entries.Count(e => e.Subject == $"return:{r.Id}")));
        Assert.All(store.PlanActions.FindAll(), a => Assert.Equal(a.Version, entries.Count(e => e.Subject == $"plan-action:{a.Id}")));
        Assert.All(store.Moderations.FindAll(), m => Assert.Equal(m.Version, entries.Count(e => e.Subject == $"moderation:{m.Id}")));

        // The story is told in order, all of it before the app published its templates at
        // start-up; the closing note comes at the real time again.
        var story = demo.SkipLast(1).Select(e => e.At).ToList();
        Assert.Equal(story.Order(), story);
        Assert.True(story[^1] < entries[0].At);
        Assert.True((story[^1] - story[0]).TotalDays > 360);
        Assert.True(demo[^1].At >= entries[0].At);
        Assert.True(app.Services.GetRequiredService<AuditTrail>().VerifyAll().Ok);
    }

    [Fact]
    public async Task Audit_verify_passes_on_the_seeded_data_file()
    {
        var folder = Path.Combine(Path.GetTempPath(), "caseaudit-tests", Guid.NewGuid().ToString("N"));
        var dataFile = Path.Combine(folder, "caseaudit.db");
        try
        {
            int entries;
            await using (var app = new CaseAuditApp(environment: "Development", settings: new() { ["CaseAudit:DataFile"] = dataFile }))
            {
                entries = app.Services.GetRequiredService<CaseAuditStore>().AuditEntries.Count();
            }

            var output = new StringWriter();
            Assert.Equal(0, AuditVerifyCommand.Run(dataFile, output));
            Assert.Contains($"Audit trail verified: {entries} entries, chain intact.", output.ToString());
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS temp cleaner.
            }
        }
    }

    [Fact]
    public async Task Starting_again_on_the_same_data_file_adds_nothing()
    {
        var folder = Path.Combine(Path.GetTempPath(), "caseaudit-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string> { ["CaseAudit:DataFile"] = Path.Combine(folder, "caseaudit.db") };
        try
        {
            string before;
            int entries, people;
            await using (var first = new CaseAuditApp(environment: "Development", settings: settings))
            {
                var store = first.Services.GetRequiredService<CaseAuditStore>();
                before = DemoRoundsTests.Snapshot(store);
                entries = store.AuditEntries.Count();
                people = store.Users.Count();
            }

            await using var second = new CaseAuditApp(environment: "Development", settings: settings);
            var again = second.Services.GetRequiredService<CaseAuditStore>();

            // Seeding itself also refuses a data file that already has people.
            Assert.Null(await DemoSeed.SeedIfNewAsync(again, second.Services.GetRequiredService<Writer>(), second.Services.GetRequiredService<TemplateLibrary>(),
                new PasswordHasher<CaseAuditUser>(), new UpperInvariantLookupNormalizer(), TimeProvider.System));

            Assert.Equal(before, DemoRoundsTests.Snapshot(again));
            Assert.Equal(entries, again.AuditEntries.Count());
            Assert.Equal(people, again.Users.Count());
            Assert.Equal(2, again.Rounds.Count());
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS temp cleaner.
            }
        }
    }

    [Fact]
    public async Task Every_word_the_demo_stores_comes_from_the_data_file()
    {
        await using var app = DemoApps.New();
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var published = Story.Published;
        var phrases = Phrases(Story).ToList();

        Assert.Equal(published.Title, store.Rounds.FindById(published.Id).Title);
        Assert.StartsWith(Story.Grading.Title[..Story.Grading.Title.IndexOf('{')], store.Rounds.FindById(Story.Grading.Id).Title);
        Assert.Equal(published.Cases.Concat(Story.Grading.Cases).Select(c => c.Reference).Order(), store.Cases.FindAll().Select(c => c.Reference).Order());
        Assert.Equal(published.Learning.Select(l => l.Text), store.LearningPoints.FindAll().OrderBy(l => l.RecordedAt).Select(l => l.Text));
        Assert.Equal(published.Actions.Select(a => a.Aim), store.PlanActions.FindAll().OrderBy(a => a.Ref).Select(a => a.Aim));
        Assert.Equal(published.Actions.SelectMany(a => a.Progress.Select(p => p.Text)).Order(),
            store.PlanActions.FindAll().SelectMany(a => a.Progress.Select(p => p.Text)).Order());
        Assert.Equal(published.CaseActions.Select(a => a.What).Order(), store.CaseActions.FindAll().Select(a => a.What).Order());
        Assert.All(store.Concerns.FindAll(), c => Assert.Contains(Story.Published.Concerns.Concat(Story.Grading.Concerns), s => s.WhatWasSeen == c.WhatWasSeen && s.ActionTaken == c.ActionTaken));
        Assert.All(store.Moderations.FindAll(), m =>
        {
            var notes = published.Moderation[store.Cases.FindById(m.CaseId).Reference];
            Assert.Equal(notes.Rationale, m.Rationale);
            Assert.All(m.Agreed.Values.Where(a => a.Rationale is not null), a => Assert.Contains(a.Rationale, phrases));
            Assert.Equal(notes.Dissent.Select(d => d.Reason), m.Dissents.Select(d => d.Reason));
        });

        // Every answer's text is the data file's phrases (a record source, a finding, a risk
        // detail), joined by spaces: nothing written by the C#.
        var answers = store.Returns.FindAll().ToList();
        Assert.True(answers.Count > 60);
        Assert.All(answers, r =>
        {
            Assert.True(r.ChildVoiceSummary is null || JoinedFrom(r.ChildVoiceSummary, phrases), r.ChildVoiceSummary);
            foreach (var a in r.Answers.Values)
            {
                foreach (var text in new[] { a.Evidence, a.Strengths, a.Better, a.Text, a.NotApplicableReason }.OfType<string>())
                {
                    Assert.True(JoinedFrom(text, phrases), text);
                }
            }
        });
    }

    [Fact]
    public async Task The_coordinators_return_view_shows_evidence_from_the_data_file()
    {
        await using var app = DemoApps.New();
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var r = store.Returns.FindById(AgencyReturn.KeyOf($"{DemoRounds.PublishedRoundId}-c01", "police"));
        var (question, answer) = r.Answers.First(a => a.Value.Evidence is not null);
        var finding = Story.Questions[question].Good.Concat(Story.Questions[question].Weak).Single(answer.Evidence!.Contains);

        var coordinator = await app.SignInAsDemoAsync(DemoRounds.Coordinator);
        var page = (await coordinator.GetDocumentAsync($"/rounds/{r.RoundId}/returns/{r.Id}")).QuerySelector("main")!.TextContent;

        Assert.Contains(finding, page);
        Assert.Contains(r.ChildVoiceSummary!, page);
    }

    [Fact]
    public async Task The_panels_notes_and_dissent_are_about_grades_an_agency_really_gave_differently()
    {
        await using var app = DemoApps.New();
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var noted = 0;

        foreach (var (reference, notes) in Story.Published.Moderation)
        {
            var sampled = store.Cases.FindOne(c => c.Reference == reference);
            var moderation = store.Moderations.FindById(sampled.Id);
            var returns = store.Returns.Find(r => r.CaseId == sampled.Id).ToList();
            string? Agreed(string? question) => question is null ? moderation.OverallGrade : moderation.Agreed[question].Grade;
            string? Own(AgencyReturn r, string? question) => question is null ? r.OverallGrade : r.Answers.GetValueOrDefault(question)?.Grade;

            foreach (var question in notes.Notes.Keys)
            {
                Assert.Contains(returns, r => Own(r, question) is { } own && own != Agreed(question));
                Assert.Equal(notes.Notes[question], moderation.Agreed[question].Rationale);
                noted++;
            }

            foreach (var dissent in notes.Dissent)
            {
                var own = Own(returns.Single(r => r.AgencyId == dissent.Agency), dissent.Question);
                Assert.NotEqual(Agreed(dissent.Question), own);
            }
        }

        Assert.True(noted >= 10);
        Assert.True(Story.Published.Moderation.Values.Count(m => m.Dissent.Count > 0) >= 3);
    }

    [Fact]
    public async Task Every_demo_person_signs_in_with_the_documented_password()
    {
        await using var app = DemoApps.New();
        var readme = await File.ReadAllTextAsync(Path.Combine(CaseAuditApp.RepositoryRoot, "README.md"));
        Assert.Contains($"**`{DemoPartnership.Password}`**", readme);

        foreach (var person in DemoPartnership.People)
        {
            Assert.Contains($"| `{person.UserName}` |", readme);
            var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });
            var response = await client.PostSignInAsync(person.UserName, DemoPartnership.Password);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/", response.Headers.Location!.OriginalString);
        }
    }

    private static IEnumerable<string> Phrases(DemoStory story) =>
        story.Agencies.SelectMany(a => new[] { a.Records, a.VoiceNote }.OfType<string>())
            .Concat(story.Questions.Values.Append(story.OtherQuestions).SelectMany(q => q.Good.Concat(q.Weak).Append(q.Better).Concat(q.NotApplicable is { } na ? [na.Reason] : [])))
            .Concat(story.RiskDetail.Values)
            .Concat(story.Strengths)
            .Concat(story.TextAnswers.Values.SelectMany(t => t))
            .Concat(story.ChildVoice.Values.SelectMany(v => v))
            .Concat(story.Published.Moderation.Values.SelectMany(m => m.Notes.Values));

    // Whether text is one or more of the phrases joined by single spaces.
    private static bool JoinedFrom(string text, IReadOnlyCollection<string> phrases) =>
        text.Length == 0 || phrases.Any(p => text.StartsWith(p, StringComparison.Ordinal)
            && (text.Length == p.Length || (text[p.Length] == ' ' && JoinedFrom(text[(p.Length + 1)..], phrases))));
}
