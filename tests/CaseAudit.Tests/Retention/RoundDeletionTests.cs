using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Demo;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Moderation;
using CaseAudit.Web.Returns;
using CaseAudit.Web.Rounds;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Retention;

/// Deleting the demo's published round through the Admin's confirmation page: every record of
/// it goes, from the collections, from the audit trail's text and from the bytes of the data
/// file; the other round and the action plan stay; the chain still verifies.
public sealed class RoundDeletionTests
{
    private static string Published => DemoRounds.PublishedRoundId;

    private static string Grading => DemoRounds.GradingRoundId;

    private sealed record Counts(int Cases, int Returns, int Moderations, int Concerns, int Learning, int Findings, int CaseActions)
    {
        public static Counts Of(CaseAuditStore s, string id) => new(
            s.Cases.Count(c => c.RoundId == id), s.Returns.Count(r => r.RoundId == id), s.Moderations.Count(m => m.RoundId == id),
            s.Concerns.Count(c => c.RoundId == id), s.LearningPoints.Count(l => l.RoundId == id), s.PublishedFindings.FindById(id) is null ? 0 : 1,
            s.CaseActions.Count(a => a.RoundId == id));
    }

    internal static async Task<HttpResponseMessage> ConfirmAsync(HttpClient admin, string roundId, string title, string reason = "The retention period has passed")
    {
        var page = await admin.GetDocumentAsync($"/admin/rounds/{roundId}/delete");
        var form = page.QuerySelector<IHtmlFormElement>("main form[method=post]")!;
        return await admin.SubmitAsync(form, new Dictionary<string, string> { ["ConfirmTitle"] = title, ["Reason"] = reason });
    }

    [Fact]
    public async Task Deleting_the_published_round_removes_every_record_of_it_keeps_its_plan_actions_unlinked_and_the_other_round_whole()
    {
        await using var app = DemoApps.New();
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var round = store.Rounds.FindById(Published)!;
        var before = Counts.Of(store, Published);
        var otherBefore = Counts.Of(store, Grading);
        var otherReturns = store.Returns.Find(r => r.RoundId == Grading).OrderBy(r => r.Id).Select(r => (r.Id, r.Version)).ToList();
        var planActions = store.PlanActions.Find(a => a.RoundId == Published).Select(a => a.Id).ToList();
        Assert.True(before.Cases > 0 && before.Returns > 0 && before.Moderations > 0 && before.Learning > 0 && before.Findings == 1 && before.CaseActions > 0, before.ToString());
        Assert.True(before.Concerns > 0, "the demo's published round should have had a concern, to show concerns go too");
        Assert.NotEmpty(planActions);
        var admin = await app.SignInAsDemoAsync("demo.admin");

        // The confirmation names what goes, in numbers.
        var page = await admin.GetDocumentAsync($"/admin/rounds/{Published}/delete");
        Assert.Contains(round.Title, page.QuerySelector("h1")!.ParentElement!.TextContent);
        Assert.Equal(before.Cases.ToString(), page.QuerySelector("#cases")!.TextContent.Trim());
        Assert.Equal(before.Returns.ToString(), page.QuerySelector("#returns")!.TextContent.Trim());
        Assert.Equal(before.Moderations.ToString(), page.QuerySelector("#moderations")!.TextContent.Trim());
        Assert.Equal(before.Concerns.ToString(), page.QuerySelector("#concerns")!.TextContent.Trim());
        Assert.Equal(before.Learning.ToString(), page.QuerySelector("#learning")!.TextContent.Trim());
        Assert.Equal("Yes", page.QuerySelector("#findings")!.TextContent.Trim());
        Assert.Equal(before.CaseActions.ToString(), page.QuerySelector("#case-actions")!.TextContent.Trim());
        Assert.Contains($"keeps the {planActions.Count} actions", page.QuerySelector("#kept")!.TextContent);

        var response = await ConfirmAsync(admin, Published, round.Title.ToUpperInvariant() + "  ");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/retention", response.Headers.Location!.OriginalString);
        Assert.Contains($"'{round.Title}' has been deleted", (await admin.GetDocumentAsync("/admin/retention")).QuerySelector(".govuk-notification-banner")!.TextContent);
        Assert.Null(store.Rounds.FindById(Published));
        Assert.Equal(new Counts(0, 0, 0, 0, 0, 0, 0), Counts.Of(store, Published));

        // The other round is as it was.
        Assert.Equal(otherBefore, Counts.Of(store, Grading));
        Assert.Equal(otherReturns, store.Returns.Find(r => r.RoundId == Grading).OrderBy(r => r.Id).Select(r => (r.Id, r.Version)).ToList());

        // The plan actions stay, unlinked, saying where they came from.
        Assert.All(planActions, id =>
        {
            var a = store.PlanActions.FindById(id)!;
            Assert.Equal("", a.RoundId);
            Assert.Empty(a.LearningPointIds);
            Assert.StartsWith($"{round.Title} (deleted ", a.FromDeletedRound);
        });
        var plan = await (await app.SignInAsDemoAsync(DemoRounds.Coordinator)).GetDocumentAsync($"/rounds/{Grading}/actions");
        Assert.Contains($"Carried over from {round.Title} (deleted", plan.QuerySelector("main")!.TextContent);
        Assert.Contains("a round since deleted", plan.QuerySelector("main")!.TextContent);

        // The deletion is in the trail, in numbers, by whom and why.
        var entry = store.AuditEntries.Find(e => e.Type == "round.deleted").Single();
        Assert.Equal("demo.admin", entry.ActorName);
        Assert.Equal($"round:{Published}", entry.Subject);
        Assert.Contains("The retention period has passed", entry.Summary);
        Assert.Contains($"\"title\":\"{round.Title}\"", entry.After);
        Assert.Contains($"\"cases\":{before.Cases},\"returns\":{before.Returns},\"moderations\":{before.Moderations},\"concerns\":{before.Concerns},\"learningPoints\":{before.Learning},\"publishedFindings\":1,\"caseActions\":{before.CaseActions},\"emails\":0,\"planActionsKept\":{planActions.Count}", entry.After);
        // The Admin's trail shows the removed entries as removed, and the deletion itself.
        var trail = await admin.GetDocumentAsync("/admin/audit?type=case.added");
        Assert.Contains("[text removed when the round was deleted, entry ", trail.QuerySelector("main")!.TextContent);
        Assert.Contains("round.deleted", (await admin.GetDocumentAsync("/admin/audit?type=round.deleted")).QuerySelector("main")!.TextContent);
        Assert.Empty(app.ServerErrors);
    }

    [Fact]
    public async Task After_the_deletion_the_data_file_and_its_neighbours_hold_none_of_the_rounds_words_and_the_chain_verifies()
    {
        await using var app = DemoApps.New();
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var round = store.Rounds.FindById(Published)!;
        var otherAnswers = store.Returns.Find(r => r.RoundId == Grading).SelectMany(r => r.Answers.Values)
            .SelectMany(a => new[] { a.Evidence, a.Strengths, a.Better, a.Text }).OfType<string>().ToList();
        var kept = otherAnswers.Concat(store.PlanActions.FindAll().SelectMany(a => new[] { a.Aim, a.Activity })).ToList();
        // Words found only in the deleted round, so finding them afterwards can mean only that it was not deleted.
        var evidence = store.Returns.Find(r => r.RoundId == Published).SelectMany(r => r.Answers.Values).Select(a => a.Evidence).OfType<string>()
            .First(e => e.Length > 30 && !kept.Any(k => k.Contains(e, StringComparison.Ordinal)));
        var reference = store.Cases.Find(c => c.RoundId == Published).Select(c => c.Reference)
            .First(r => !store.Cases.Exists(c => c.RoundId == Grading && c.Reference == r));
        var learning = store.LearningPoints.Find(l => l.RoundId == Published).Select(l => l.Text)
            .First(t => !store.LearningPoints.Exists(l => l.RoundId == Grading && l.Text == t) && !kept.Any(k => k.Contains(t, StringComparison.Ordinal)));
        var otherEvidence = otherAnswers.First(e => e.Length > 30);
        Assert.True(Holds(app, evidence) && Holds(app, reference) && Holds(app, learning), "the words should be in the file before the deletion, or their absence proves nothing");
        Assert.Contains(AuditTrailEntriesMentioning(store, reference), e => e.Type.StartsWith("case.", StringComparison.Ordinal) || e.Type.StartsWith("return.", StringComparison.Ordinal));
        var admin = await app.SignInAsDemoAsync("demo.admin");

        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(admin, Published, round.Title)).StatusCode);

        Assert.False(Holds(app, evidence), "a deleted return's evidence is still in the data folder");
        Assert.False(Holds(app, reference), "a deleted case reference is still in the data folder");
        Assert.False(Holds(app, learning), "a deleted learning point is still in the data folder");
        Assert.True(Holds(app, otherEvidence), "the other round's evidence should still be there");
        Assert.Empty(AuditTrailEntriesMentioning(store, reference));
        var redacted = store.AuditEntries.Find(e => e.RedactedBy != null).ToList();
        Assert.NotEmpty(redacted);
        Assert.All(redacted, e => Assert.Null(e.Before ?? e.After));

        var verified = app.Services.GetRequiredService<AuditTrail>().VerifyAll();
        Assert.True(verified.Ok, verified.Reason);
        Assert.Equal(store.AuditEntries.Count(), verified.EntriesChecked);
        Assert.Equal(0, verified.RedactedUnchecked);
    }

    [Fact]
    public async Task The_chain_verifies_after_two_rounds_are_deleted_and_audit_verify_says_so()
    {
        await using var app = DemoApps.New();
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var coordinator = new Actor("c", DemoRounds.Coordinator);
        // The grading round finished the way a real one would: its concern followed up, moved on, published unfinished.
        var concern = store.Concerns.Find(c => c.RoundId == Grading && c.FollowUp == null).First();
        Assert.True(await app.Services.GetRequiredService<ConcernDesk>().FollowUpAsync(concern.Id, "Referred to the MASH the same day", "ref", coordinator));
        var planner = app.Services.GetRequiredService<RoundPlanner>();
        Assert.Null(await planner.MoveAsync(Grading, store.Rounds.FindById(Grading)!.Version, RoundStatus.Panel, null, coordinator));
        Assert.Null(await planner.MoveAsync(Grading, store.Rounds.FindById(Grading)!.Version, RoundStatus.Published, "The board meets next week", coordinator, understood: true));
        var admin = await app.SignInAsDemoAsync("demo.admin");

        foreach (var id in new[] { Published, Grading })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(admin, id, store.Rounds.FindById(id)!.Title)).StatusCode);
            var verified = app.Services.GetRequiredService<AuditTrail>().VerifyAll();
            Assert.True(verified.Ok, verified.Reason);
        }

        Assert.Equal(0, store.Rounds.Count());
        Assert.Equal(0, store.Cases.Count() + store.Returns.Count() + store.LearningPoints.Count() + store.Concerns.Count() + store.Moderations.Count());
        Assert.Equal(2, store.AuditEntries.Count(e => e.Type == "round.deleted"));
        var output = new StringWriter();
        Assert.Equal(0, AuditVerifyCommand.Run(store.DataFile, output));
        Assert.Contains("chain intact", output.ToString());
        Assert.Empty(app.ServerErrors);
    }

    private static List<AuditEntry> AuditTrailEntriesMentioning(CaseAuditStore store, string text) =>
        store.AuditEntries.FindAll().Where(e => (e.Summary + e.Before + e.After).Contains(text, StringComparison.Ordinal)).ToList();

    /// Whether any file in the app's folder (the data file, LiteDB's log, anything else it
    /// leaves beside them) holds these words, as the UTF-8 LiteDB writes.
    [Fact]
    public async Task The_rounds_emails_go_with_it_from_the_queue_the_outbox_folder_and_the_text_of_their_audit_entries()
    {
        await using var app = Email.EmailApps.DemoApp();
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var round = store.Rounds.FindById(Published)!;
        await Email.EmailApps.AddCaseActionAsync(app, Published, "health");
        await Email.EmailApps.MailPassAsync(app);
        var emails = store.Mail.Find(m => m.RoundId == Published).ToList();
        Assert.NotEmpty(emails);
        var outbox = Path.Combine(Path.GetDirectoryName(app.DataFile)!, "outbox");
        Assert.All(emails, m => Assert.True(File.Exists(Path.Combine(outbox, m.OutboxFile!))));
        var otherEmails = store.Mail.Find(m => m.RoundId != Published).Select(m => m.OutboxFile).ToList();
        var admin = await app.SignInAsDemoAsync("demo.admin");
        Assert.Equal(emails.Count.ToString(), (await admin.GetDocumentAsync($"/admin/rounds/{Published}/delete")).QuerySelector("#emails")!.TextContent.Trim());

        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(admin, Published, round.Title)).StatusCode);

        Assert.Equal(0, store.Mail.Count(m => m.RoundId == Published));
        Assert.All(emails, m => Assert.False(File.Exists(Path.Combine(outbox, m.OutboxFile!)), $"{m.OutboxFile} is still in the outbox"));
        Assert.All(otherEmails, f => Assert.True(File.Exists(Path.Combine(outbox, f!)), $"another round's {f} went too"));
        var subjects = emails.Select(m => $"mail:{m.Id}").ToHashSet();
        var mailEntries = store.AuditEntries.Find(e => e.Type == "mail.sent").Where(e => subjects.Contains(e.Subject!)).ToList();
        Assert.Equal(emails.Count, mailEntries.Count);
        Assert.All(mailEntries, e => Assert.NotNull(e.RedactedBy));
        Assert.Contains($"\"emails\":{emails.Count}", store.AuditEntries.Find(e => e.Type == "round.deleted").Single().After);
        var verified = app.Services.GetRequiredService<AuditTrail>().VerifyAll();
        Assert.True(verified.Ok, verified.Reason);
    }

    private static bool Holds(CaseAuditApp app, string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        // The app's lock file is held exclusively and never written (DataFileLock).
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(app.DataFile)!, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".app-lock", StringComparison.Ordinal)))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            if (bytes.AsSpan().IndexOf(needle) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
