using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Demo;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Rounds;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CaseAudit.Tests.Data;

/// Issue 11, item 4: a busy partnership on the real server. 28 auditors save returns (24 on
/// their own return, 4 sharing one) while 4 Coordinator sessions race the planning steps, for a
/// fixed time. Only correctness is asserted: what a client was told was saved is what is stored,
/// once, with one audit entry each, and the chain verifies. Speed is not asserted (the machine
/// is shared); the counts are printed for the record.
public sealed class LoadTests(ITestOutputHelper output)
{
    private static readonly TimeSpan LoadFor = TimeSpan.FromSeconds(20);
    private const int MaxSavesPerClient = 300;
    private const int MaxPlanningRaces = 15;

    private static readonly string[] Agencies = ["social-care", "health", "police", "education"];
    private const string SharedAgency = "police";
    private const int OwnPerAgency = 6;
    private const int SharingClients = 4;
    private const string Evidence = "Answers[UH-01].Evidence";

    // Each saver is run by one task only, so its counts need no locking.
    private sealed class Saver(string name, HttpClient client, string returnId)
    {
        public string Name { get; } = name;
        public HttpClient Client { get; } = client;
        public string ReturnId { get; } = returnId;
        public int Attempts { get; set; }
        public int Saved { get; set; }
        public int Conflicts { get; set; }

        /// Each acknowledged save: the version it started from (the form's hidden field) and
        /// the evidence it sent.
        public List<(int From, string Evidence)> Acknowledged { get; } = [];
    }

    private enum Race { SameFile, PastMaximum, Draw, ImportAgainstStart }

    private sealed record PlanningRace(Race Kind, string RoundId, int Accepted, int Refused, int CasesInFile, bool MoveAccepted = false);

    [Fact]
    public async Task Thirty_two_clients_saving_returns_and_racing_planning_lose_nothing_and_audit_each_change_once()
    {
        // Development serves plain http, so the demo's cookies work over a loopback socket. 32
        // sign-ins from one address pass the per-client sign-in limit (30 a minute) otherwise.
        // Password hashing is what this test is not about, and 60 full-cost hashes on a shared
        // machine took most of setup; a hash records its own cost, so a cheaper one verifies.
        await using var app = new CaseAuditApp(environment: "Development", settings: new()
        {
            ["CaseAudit:RequireMfa"] = "false",
            ["CaseAudit:SignInAttemptsPerClientPerMinute"] = "200",
        }, services: s => s.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000));
        app.UseKestrel(0);
        app.StartServer();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var templateVersion = store.Rounds.FindById(DemoRounds.GradingRoundId)!.TemplateVersion;

        // A grading round with a return for each demo agency on each of 7 cases: six own returns
        // per agency, and case 7's police return shared by four police auditors.
        var grading = NewRound("Load: grading", templateVersion, RoundStatus.Grading);
        var gradingCases = Enumerable.Range(1, OwnPerAgency + 1).Select(i => Case(grading.Id, $"LOAD-{i:000}")).ToList();
        store.Rounds.Insert(grading);
        store.Cases.InsertBulk(gradingCases);
        store.Returns.InsertBulk(gradingCases.SelectMany(c => Agencies.Select(a => new AgencyReturn
        {
            Id = AgencyReturn.KeyOf(c.Id, a), RoundId = grading.Id, CaseId = c.Id, AgencyId = a,
        })));

        var setup = Stopwatch.StartNew();
        var sharedId = AgencyReturn.KeyOf(gradingCases[OwnPerAgency].Id, SharedAgency);
        var people = Agencies.SelectMany(a => Enumerable.Range(0, OwnPerAgency).Select(i => ($"load.{a}.{i}", a, AgencyReturn.KeyOf(gradingCases[i].Id, a))))
            .Concat(Enumerable.Range(0, SharingClients).Select(i => ($"load.shared.{i}", SharedAgency, sharedId)))
            .ToList();
        var savers = new List<Saver>();
        // Two at a time: the machine has two cores.
        foreach (var pair in people.Chunk(2))
        {
            savers.AddRange(await Task.WhenAll(pair.Select(p => SaverAsync(app, address, p.Item1, p.Item2, p.Item3))));
        }

        var coordinators = new List<HttpClient>();
        for (var i = 0; i < 4; i++)
        {
            coordinators.Add(await app.SignInAsDemoAsync(DemoRounds.Coordinator, address));
        }

        output.WriteLine($"Setup: {setup.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(32, savers.Count + coordinators.Count);

        // Everything a client saw that it should not have: a 5xx, an exception, an answer that
        // is neither the page's success nor its own refusal.
        var errors = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        bool Running() => clock.Elapsed < LoadFor;
        var acknowledged = new ConcurrentDictionary<string, int>();
        var saving = savers.Select(s => Task.Run(() => SaveUntilDoneAsync(s, acknowledged, Running, errors))).ToList();
        var planning = Task.Run(() => RacePlanningAsync(app.Services.GetRequiredService<Writer>(), coordinators, templateVersion, Running, errors));
        await Task.WhenAll(saving);
        var races = await planning;
        clock.Stop();

        var own = savers.Where(s => s.ReturnId != sharedId).ToList();
        var sharing = savers.Where(s => s.ReturnId == sharedId).ToList();
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s of load on {savers.Count} savers and {coordinators.Count} Coordinators");
        output.WriteLine($"Own returns: {own.Sum(s => s.Saved)} saves acknowledged ({own.Min(s => s.Saved)}–{own.Max(s => s.Saved)} per client)");
        output.WriteLine($"Shared return: {sharing.Sum(s => s.Attempts)} attempts, {sharing.Sum(s => s.Saved)} saved, {sharing.Sum(s => s.Conflicts)} conflicts");
        foreach (var kind in Enum.GetValues<Race>())
        {
            var these = races.Where(r => r.Kind == kind).ToList();
            output.WriteLine($"{kind}: {these.Count} races, {these.Sum(r => r.Accepted)} accepted, {these.Sum(r => r.Refused)} refused"
                + (kind == Race.ImportAgainstStart ? $" (import before the move in {these.Count(r => r.Accepted == 1)})" : ""));
        }

        output.WriteLine($"Writer: {app.Services.GetRequiredService<Writer>().Batches} commits");
        foreach (var error in errors.Take(20).Concat(app.ServerErrors.Take(5)))
        {
            output.WriteLine(error);
        }

        Assert.Empty(app.ServerErrors);

        // Whole messages: xunit cuts a collection's items short, which hid why a race failed once.
        Assert.True(errors.IsEmpty, string.Join(Environment.NewLine, errors));
        Assert.All(own, s => Assert.True(s.Saved > 0, $"{s.Name} saved nothing"));
        // One sharer may lose every race for the shared return (that is what conflicts are),
        // but four clients on one return for seconds must both save and collide.
        Assert.True(sharing.Sum(s => s.Saved) > 0 && sharing.Sum(s => s.Conflicts) > 0, "the shared return saw no saves or no conflicts");
        Assert.NotEmpty(races);

        // Every acknowledged save is stored; none lost, none extra.
        var trail = store.AuditEntries.FindAll().ToList();
        foreach (var saver in own)
        {
            var stored = store.Returns.FindById(saver.ReturnId)!;
            Assert.Equal(0, saver.Conflicts);
            Assert.Equal(saver.Saved, stored.Version);
            Assert.Equal(saver.Acknowledged[^1].Evidence, stored.Answers["UH-01"].Evidence);
            AssertOneEntryPerVersion(trail, saver.ReturnId, saver.Saved);
        }

        // Conflicts on the shared return are refusals that wrote nothing: the stored version
        // counts only the acknowledged saves. No two acknowledged saves started from the same
        // version: a second one would have overwritten the first unseen (a lost update) instead
        // of being told of the conflict. What is stored is the save made from the version before.
        var shared = store.Returns.FindById(sharedId)!;
        var sharedSaves = sharing.SelectMany(s => s.Acknowledged).ToList();
        Assert.All(sharing, s => Assert.Equal(s.Attempts, s.Saved + s.Conflicts));
        Assert.Equal(sharedSaves.Count, shared.Version);
        Assert.Equal(Enumerable.Range(0, shared.Version), sharedSaves.Select(a => a.From).Order());
        Assert.Equal(sharedSaves.Single(a => a.From == shared.Version - 1).Evidence, shared.Answers["UH-01"].Evidence);
        AssertOneEntryPerVersion(trail, sharedId, shared.Version);

        foreach (var race in races)
        {
            AssertConsistent(store, trail, race);
        }

        var verified = app.Services.GetRequiredService<AuditTrail>().VerifyAll();
        Assert.True(verified.Ok, $"Chain broken at {verified.FirstBrokenSeq}: {verified.Reason}");
    }

    /// acknowledged: the highest version any client has been told is saved, per return. A form
    /// opened after that acknowledgement must show that version or a later one: a save is
    /// acknowledged only once committed, so no reader may see the data file from before it.
    private static async Task SaveUntilDoneAsync(Saver saver, ConcurrentDictionary<string, int> acknowledged, Func<bool> running, ConcurrentQueue<string> errors)
    {
        // UH-01 is in the use-of-history template's first section; a save goes on to the second.
        var path = $"/returns/{saver.ReturnId}/sections/the-chronology";
        var next = $"/returns/{saver.ReturnId}/sections/history-informs-the-present";
        try
        {
            while (running() && saver.Attempts < MaxSavesPerClient)
            {
                var known = acknowledged.GetValueOrDefault(saver.ReturnId);
                var form = await FormAsync(saver.Client, path, errors, saver.Name);
                if (form is null)
                {
                    return;
                }

                var from = int.Parse(form.QuerySelector<IHtmlInputElement>("input[name=version]")!.Value);
                if (from < known)
                {
                    errors.Enqueue($"{saver.Name}: the form showed version {from} after version {known} was acknowledged");
                    return;
                }

                var evidence = $"{saver.Name}, save {saver.Attempts + 1}";
                saver.Attempts++;
                var response = await saver.Client.SubmitAsync(form, new Dictionary<string, string> { [Evidence] = evidence });
                if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == next)
                {
                    saver.Saved++;
                    saver.Acknowledged.Add((from, evidence));
                    acknowledged.AddOrUpdate(saver.ReturnId, from + 1, (_, v) => Math.Max(v, from + 1));
                }
                else if (response.StatusCode == HttpStatusCode.OK && (await response.ReadDocumentAsync()).QuerySelector("#conflict-title") is not null)
                {
                    saver.Conflicts++;
                }
                else
                {
                    errors.Enqueue($"{saver.Name} save {saver.Attempts}: {(int)response.StatusCode} {response.Headers.Location}");
                    return;
                }
            }
        }
        catch (Exception e)
        {
            errors.Enqueue($"{saver.Name}: {e}");
        }
    }

    /// Each race: every Coordinator opens the page first, then all submit at once.
    private static async Task<List<PlanningRace>> RacePlanningAsync(Writer writer, List<HttpClient> coordinators, string templateVersion,
        Func<bool> running, ConcurrentQueue<string> errors)
    {
        var races = new List<PlanningRace>();
        try
        {
            for (var n = 1; running() && n <= MaxPlanningRaces; n++)
            {
                // One file, imported by all four: stored once.
                var sameFile = Draft(writer, $"Load: same file {n}", templateVersion);
                var file = Csv($"S{n}", 50);
                var results = await TogetherAsync(coordinators, $"/rounds/{sameFile}/import", errors,
                    (client, form) => client.SubmitAsync(form, files: Upload("Upload", file)));
                races.Add(await TallyAsync(Race.SameFile, sameFile, results, 50, errors));

                // Four different files of 200: two fit under the 500-case maximum, the others not.
                var pastMax = Draft(writer, $"Load: past the maximum {n}", templateVersion);
                results = await TogetherAsync(coordinators, $"/rounds/{pastMax}/import", errors,
                    (client, form) => client.SubmitAsync(form, files: Upload("Upload", Csv($"M{n}-{coordinators.IndexOf(client)}", 200))));
                races.Add(await TallyAsync(Race.PastMaximum, pastMax, results, 200, errors));

                // Four draws from one pool: one sample.
                var draw = Draft(writer, $"Load: draw {n}", templateVersion);
                var pool = Csv($"P{n}", 40);
                results = await TogetherAsync(coordinators, $"/rounds/{draw}/draw", errors,
                    (client, form) => client.SubmitAsync(form, new Dictionary<string, string> { ["SampleSize"] = "12", ["Seed"] = "7" }, Upload("Pool", pool)));
                races.Add(await TallyAsync(Race.Draw, draw, results, 12, errors));

                races.Add(await ImportAgainstStartAsync(writer, coordinators, n, templateVersion, errors));
            }
        }
        catch (Exception e)
        {
            errors.Enqueue($"planning: {e}");
        }

        return races;
    }

    /// One Coordinator imports 5 cases while another starts grading a round with one case:
    /// the move always succeeds (an import does not change the round's version), and the import
    /// is either in before it, with returns, or refused.
    private static async Task<PlanningRace> ImportAgainstStartAsync(Writer writer, List<HttpClient> coordinators, int n, string templateVersion,
        ConcurrentQueue<string> errors)
    {
        var roundId = Draft(writer, $"Load: import against start {n}", templateVersion);
        writer.Write(change => change.Store.Cases.Insert(Case(roundId, $"FIRST-{n}")));
        var importForm = await FormAsync(coordinators[0], $"/rounds/{roundId}/import", errors, "import");
        var startForm = (await CaseAudit.Tests.Pages.Rounds.RoundMoves.ConfirmationAsync(coordinators[1], roundId, RoundStatus.Grading))
            .QuerySelector<IHtmlFormElement>("main form")!;
        var import = coordinators[0].SubmitAsync(importForm!, files: Upload("Upload", Csv($"G{n}", 5)));
        var start = coordinators[1].SubmitAsync(startForm);
        var (imported, started) = (await import, await start);

        var moveAccepted = started.StatusCode == HttpStatusCode.Redirect && started.Headers.Location?.OriginalString == $"/rounds/{roundId}";
        if (!moveAccepted)
        {
            errors.Enqueue($"start grading {n}: {(int)started.StatusCode} {started.Headers.Location}");
        }

        var race = await TallyAsync(Race.ImportAgainstStart, roundId, [imported], 5, errors);
        return race with { MoveAccepted = moveAccepted };
    }

    private static async Task<List<HttpResponseMessage>> TogetherAsync(List<HttpClient> clients, string path, ConcurrentQueue<string> errors,
        Func<HttpClient, IHtmlFormElement, Task<HttpResponseMessage>> submit)
    {
        var forms = await Task.WhenAll(clients.Select(c => FormAsync(c, path, errors, path)));
        return [.. await Task.WhenAll(clients.Select((c, i) => submit(c, forms[i]!)))];
    }

    /// Accepted: the page's redirect to the sample. Refused: the page again with the refusal
    /// this race should meet (not some other error), or, once the round has moved on, back to
    /// the round page.
    private static async Task<PlanningRace> TallyAsync(Race kind, string roundId, List<HttpResponseMessage> results, int casesInFile, ConcurrentQueue<string> errors)
    {
        var because = kind switch
        {
            Race.SameFile => "is already in this round",
            Race.PastMaximum => $"at most {SampleImport.MaxCases} cases",
            Race.Draw => "sample changed while you were drawing",
            _ => "moved on from planning",
        };
        int accepted = 0, refused = 0;
        foreach (var response in results)
        {
            var location = response.Headers.Location?.OriginalString;
            var page = response.StatusCode == HttpStatusCode.OK ? await response.ReadDocumentAsync() : null;
            if (response.StatusCode == HttpStatusCode.Redirect && location == $"/rounds/{roundId}#sample")
            {
                accepted++;
            }
            else if ((page?.QuerySelector(".govuk-error-summary") is not null && page.QuerySelector("main")!.TextContent.Contains(because))
                || (kind == Race.ImportAgainstStart && response.StatusCode == HttpStatusCode.Redirect && location == $"/rounds/{roundId}"))
            {
                refused++;
            }
            else
            {
                errors.Enqueue($"{kind} on {roundId}: {(int)response.StatusCode} {location} {page?.QuerySelector(".govuk-error-summary")?.TextContent.ReplaceLineEndings(" ").Trim()}");
            }
        }

        return new PlanningRace(kind, roundId, accepted, refused, casesInFile);
    }

    private static void AssertConsistent(CaseAuditStore store, List<AuditEntry> trail, PlanningRace race)
    {
        var round = store.Rounds.FindById(race.RoundId)!;
        var cases = store.Cases.Find(c => c.RoundId == race.RoundId).ToList();
        var entries = trail.Where(e => e.Subject == RoundPlanner.Subject(round)).ToList();
        Assert.True(cases.Count <= SampleImport.MaxCases, $"{race.Kind}: {cases.Count} cases");
        Assert.Equal(cases.Count, cases.Select(c => c.Reference).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        switch (race.Kind)
        {
            case Race.SameFile:
                Assert.Equal((1, 3), (race.Accepted, race.Refused));
                Assert.Equal(race.CasesInFile, cases.Count);
                Assert.Single(entries, e => e.Type == "case.added");
                break;
            case Race.PastMaximum:
                Assert.Equal((2, 2), (race.Accepted, race.Refused));
                Assert.Equal(2 * race.CasesInFile, cases.Count);
                Assert.Equal(2, entries.Count(e => e.Type == "case.added"));
                break;
            case Race.Draw:
                Assert.Equal((1, 3), (race.Accepted, race.Refused));
                Assert.Equal(race.CasesInFile, cases.Count);
                Assert.Equal(7, round.Draw!.Seed);
                Assert.Single(entries, e => e.Type == "sample.drawn");
                Assert.DoesNotContain(entries, e => e.Type == "case.added");
                break;
            case Race.ImportAgainstStart:
                Assert.True(race.MoveAccepted);
                Assert.Equal(RoundStatus.Grading, round.Status);
                Assert.Single(entries, e => e.Type == "round.status-changed");
                // What the importer was told is what happened, and grading has every return.
                Assert.Equal(1 + race.Accepted * race.CasesInFile, cases.Count);
                Assert.Equal(race.Accepted, entries.Count(e => e.Type == "case.added"));
                var expected = cases.SelectMany(c => c.AgencyIds.Intersect(round.AgencyIds).Select(a => AgencyReturn.KeyOf(c.Id, a))).Order().ToList();
                Assert.Equal(expected, store.Returns.Find(r => r.RoundId == race.RoundId).Select(r => r.Id).Order().ToList());
                break;
        }
    }

    /// One return.saved entry per acknowledged save, naming versions 1, 2, ... each once.
    private static void AssertOneEntryPerVersion(List<AuditEntry> trail, string returnId, int saves)
    {
        var versions = trail.Where(e => e.Subject == $"return:{returnId}")
            .Select(e => (e.Type, Version: int.Parse(Regex.Match(e.Summary, @"\(version (\d+)\)$").Groups[1].Value)))
            .ToList();
        Assert.All(versions, v => Assert.Equal("return.saved", v.Type));
        Assert.Equal(Enumerable.Range(1, saves), versions.Select(v => v.Version).Order());
    }

    private static async Task<IHtmlFormElement?> FormAsync(HttpClient client, string path, ConcurrentQueue<string> errors, string who)
    {
        var response = await client.GetAsync(path);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            errors.Enqueue($"{who}: GET {path} answered {(int)response.StatusCode} {response.Headers.Location}");
            return null;
        }

        return (await response.ReadDocumentAsync()).QuerySelector<IHtmlFormElement>("main form");
    }

    private static async Task<Saver> SaverAsync(CaseAuditApp app, Uri address, string userName, string agency, string returnId)
    {
        await app.CreateUserAsync(userName, [Roles.Auditor], agency);
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
        var signedIn = await client.PostSignInAsync(userName, TestUsers.Password);
        Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect && signedIn.Headers.Location?.OriginalString.StartsWith("/sign-in", StringComparison.Ordinal) == false,
            $"{userName}: {(int)signedIn.StatusCode} {signedIn.Headers.Location}");
        return new Saver(userName, client, returnId);
    }

    private static Round NewRound(string title, string templateVersion, RoundStatus status) => new()
    {
        Title = title, TemplateId = DemoRounds.TemplateId, TemplateVersion = templateVersion, Status = status,
        PeriodFrom = new DateOnly(2026, 1, 1), PeriodTo = new DateOnly(2026, 6, 30), GradingDeadline = new DateOnly(2026, 12, 1),
        AgencyIds = [.. Agencies],
    };

    /// Through the app's writer, as every change in the app is made: the writer's batch keeps
    /// one transaction open while commands join it, and that transaction reads from a snapshot
    /// taken before a round inserted beside it (CI once saw "No round" that way).
    private static string Draft(Writer writer, string title, string templateVersion)
    {
        var round = NewRound(title, templateVersion, RoundStatus.Draft);
        writer.Write(change => change.Store.Rounds.Insert(round));
        return round.Id;
    }

    private static SampledCase Case(string roundId, string reference) => new()
    {
        RoundId = roundId, Reference = reference, AgeBand = "5–11", Level = "Child in need", Categories = ["Emotional"], AgencyIds = ["police", "health"],
    };

    private static byte[] Csv(string prefix, int rows) => Encoding.UTF8.GetBytes(
        "Case reference,Age band,Level of intervention,Neglect categories,Agencies involved\n"
        + string.Join("\n", Enumerable.Range(1, rows).Select(i => $"{prefix}-{i:0000},{(i % 2 == 0 ? "5-11" : "12-18")},Child in need,Emotional,police;health")));

    private static Dictionary<string, (string, byte[])> Upload(string field, byte[] content) => new() { [field] = ("sample.csv", content) };
}
