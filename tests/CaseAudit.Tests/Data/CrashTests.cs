using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Tests.CommandLine;
using CaseAudit.Web.Data;
using CaseAudit.Web.Demo;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Templates;
using Microsoft.AspNetCore.Identity;
using Xunit.Abstractions;

namespace CaseAudit.Tests.Data;

/// kill -9 while people save: the app's own process is killed at a random moment while auditors
/// save returns and a Coordinator imports samples, several times over; after each kill the data
/// file must hold every save the app said was saved, no half import, and an intact audit chain.
public sealed class CrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Rounds = 4;
    private const int ImportRows = 200;
    private static readonly string[] Auditors = ["demo.auditor.social-care", "demo.auditor.health", "demo.auditor.police", "demo.auditor.education"];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "caseaudit-tests", "crash-" + Guid.NewGuid().ToString("N"));

    private string DataFile => Path.Combine(_folder, "caseaudit.db");

    private sealed record Acknowledged(string ReturnId, int Version, string Evidence);

    [Fact]
    public async Task Every_acknowledged_save_and_import_survives_the_process_being_killed_mid_work()
    {
        // CASEAUDIT_CRASH_SEED replays a failing run's kill moments.
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CASEAUDIT_CRASH_SEED"), out var given) ? given : Environment.TickCount;
        var random = new Random(seed);
        var (returns, draftRounds) = Prepare();
        var acknowledged = new List<Acknowledged>();
        var importsAcknowledged = new HashSet<string>();
        var importsTried = new List<string>();

        for (var round = 0; round < Rounds; round++)
        {
            var killAfter = TimeSpan.FromMilliseconds(random.Next(1500, 3500));
            var counts = new Counts();
            using (var app = await ServedApp.StartAsync(DataFile))
            {
                var clients = await Task.WhenAll(Auditors.Select(name => SignInAsync(app, name)));
                var coordinator = await SignInAsync(app, DemoRounds.Coordinator);
                using var stop = new CancellationTokenSource();
                var work = Auditors.Select((name, i) => SaveUntilKilledAsync(clients[i], returns[i], round, acknowledged, counts, stop.Token))
                    .Append(ImportUntilKilledAsync(coordinator, draftRounds, importsTried, importsAcknowledged, counts, stop.Token))
                    .ToList();

                // Timed from the first save, not from the start: a cold start takes seconds.
                var started = DateTime.UtcNow;
                while (Volatile.Read(ref counts.Saves) == 0 && DateTime.UtcNow - started < TimeSpan.FromSeconds(30) && work.All(w => !w.IsCompleted))
                {
                    await Task.Delay(20);
                }

                await Task.Delay(killAfter);
                app.Kill();
                // Taken once the process is gone: a request sent before then reached a live
                // server (killing takes a few milliseconds) and was cut off without its answer.
                Interlocked.Exchange(ref counts.KilledAt, DateTime.UtcNow.Ticks);
                await stop.CancelAsync();
                try
                {
                    await Task.WhenAll(work);
                }
                finally
                {
                    output.WriteLine(app.Log);
                    Array.ForEach(clients, c => c.Dispose());
                    coordinator.Dispose();
                }
            }

            output.WriteLine($"round {round}: killed {killAfter.TotalMilliseconds} ms after the first save; {counts.Saves} saves and {counts.Imports} imports acknowledged, {counts.InFlight} requests in flight at the kill (seed {seed})");
            Assert.True(counts.Saves > 0, $"Nothing was saved before the kill in round {round} (seed {seed}).");
            Assert.True(counts.InFlight > 0, $"The kill in round {round} came when nobody was waiting for an answer (seed {seed}).");
            Check(acknowledged, importsTried, importsAcknowledged, seed);
        }

        var verify = await AppProcess.RunAsync(_folder, new Dictionary<string, string> { ["CaseAudit__DataFile"] = DataFile }, "audit", "verify");
        Assert.True(verify.ExitCode == 0, verify.Output);
    }

    private sealed class Counts
    {
        public int Saves;
        public int Imports;

        // Requests sent while the server was alive that never got their answer.
        public int InFlight;

        public long KilledAt = long.MaxValue;

        public void CutOff(DateTime sent)
        {
            if (sent.Ticks < Interlocked.Read(ref KilledAt))
            {
                Interlocked.Increment(ref InFlight);
            }
        }
    }

    // The demo partnership and its grading round, written before the first start, plus empty
    // rounds in planning for the imports: one per import, so each is either all there or not.
    private (string[] Returns, List<string> DraftRounds) Prepare()
    {
        Directory.CreateDirectory(_folder);
        using var store = new CaseAuditStore(DataFile);
        using var writer = new Writer(store, TimeProvider.System);
        var library = new TemplateLibrary(store, writer);
        Assert.Empty(library.PublishShipped(CaseAuditApp.ShippedTemplates));
        Assert.NotNull(DemoSeed.SeedIfNewAsync(store, writer, library, new PasswordHasher<CaseAuditUser>(), new UpperInvariantLookupNormalizer(), TimeProvider.System)
            .GetAwaiter().GetResult());

        var agencies = Auditors.Select(a => a["demo.auditor.".Length..]).ToList();
        var returns = agencies.Select(agency => store.Returns
            .Find(r => r.RoundId == DemoRounds.GradingRoundId && r.AgencyId == agency && r.Status != ReturnStatus.Submitted)
            .OrderBy(r => r.Id).First().Id).ToArray();

        var drafts = Enumerable.Range(1, 100).Select(i => new Round
        {
            Title = $"Crash test import {i}", TemplateId = "supervision", TemplateVersion = "1.0",
            PeriodFrom = new DateOnly(2026, 1, 1), PeriodTo = new DateOnly(2026, 6, 30), GradingDeadline = new DateOnly(2027, 1, 31),
            AgencyIds = ["social-care", "health"],
        }).ToList();
        writer.Write(_ => store.Rounds.InsertBulk(drafts));
        return (returns, drafts.Select(r => r.Id).ToList());
    }

    private static async Task<HttpClient> SignInAsync(ServedApp app, string userName)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(30) };
        var response = await client.PostSignInAsync(userName, DemoPartnership.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    // Each save starts from the form as it is now, so its version is the stored one; a save is
    // acknowledged when the redirect that says "saved" has arrived.
    private static async Task SaveUntilKilledAsync(HttpClient client, string returnId, int round, List<Acknowledged> acknowledged, Counts counts, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var sent = DateTime.UtcNow;
            try
            {
                // UH-01 is in the use-of-history template's first section; a save goes on to the second.
                var form = (await client.GetDocumentAsync($"/returns/{returnId}/sections/the-chronology")).QuerySelector<IHtmlFormElement>("main form")!;
                var version = int.Parse(form.QuerySelector<IHtmlInputElement>("input[name=version]")!.Value);
                var evidence = $"Round {round} save {n}: {Guid.NewGuid():N}";
                sent = DateTime.UtcNow;
                var response = await client.SubmitAsync(form, new Dictionary<string, string>
                {
                    ["Answers[UH-01].Evidence"] = evidence,
                });
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.Equal($"/returns/{returnId}/sections/history-informs-the-present", response.Headers.Location!.OriginalString);
                lock (acknowledged)
                {
                    acknowledged.Add(new Acknowledged(returnId, version + 1, evidence));
                    counts.Saves++;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                counts.CutOff(sent);
                return;
            }
        }
    }

    private static async Task ImportUntilKilledAsync(HttpClient client, List<string> draftRounds, List<string> tried, HashSet<string> acknowledged, Counts counts, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            string roundId;
            lock (tried)
            {
                if (tried.Count == draftRounds.Count)
                {
                    return;
                }

                roundId = draftRounds[tried.Count];
                tried.Add(roundId);
            }

            var csv = new StringBuilder("Case reference,Age band,Level of intervention,Neglect categories,Agencies involved\r\n");
            for (var i = 1; i <= ImportRows; i++)
            {
                csv.Append($"KR-{tried.Count:00}-{i:0000},5-11,Child in need,Emotional,social-care; health\r\n");
            }

            var sent = DateTime.UtcNow;
            try
            {
                var form = (await client.GetDocumentAsync($"/rounds/{roundId}/import")).QuerySelector<IHtmlFormElement>("main form")!;
                var response = await client.SubmitAsync(form, files: new Dictionary<string, (string, byte[])> { ["Upload"] = ("sample.csv", Encoding.UTF8.GetBytes(csv.ToString())) });
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, (await response.ReadDocumentAsync()).QuerySelector("#Upload-error")?.TextContent);
                lock (tried)
                {
                    acknowledged.Add(roundId);
                    counts.Imports++;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                counts.CutOff(sent);
                return;
            }
        }
    }

    private void Check(List<Acknowledged> acknowledged, List<string> importsTried, HashSet<string> importsAcknowledged, int seed)
    {
        // Opening the file after the kill is LiteDB's recovery: confirmed transactions from its
        // log are kept, anything unconfirmed is dropped.
        using var store = new CaseAuditStore(DataFile);
        var saved = store.AuditEntries.Find(e => e.Type == "return.saved").Select(e => (e.Subject, e.Summary)).ToList();
        foreach (var ack in acknowledged)
        {
            var stored = store.Returns.FindById(ack.ReturnId);
            Assert.True(stored.Version >= ack.Version, $"{ack.ReturnId} is at version {stored.Version}, but version {ack.Version} was acknowledged (seed {seed})");
            Assert.True(saved.Any(e => e.Subject == $"return:{ack.ReturnId}" && e.Summary.EndsWith($"(version {ack.Version})", StringComparison.Ordinal)),
                $"No audit entry for version {ack.Version} of {ack.ReturnId} (seed {seed})");
        }

        foreach (var last in acknowledged.GroupBy(a => a.ReturnId).Select(g => g.MaxBy(a => a.Version)!))
        {
            var stored = store.Returns.FindById(last.ReturnId);
            if (stored.Version == last.Version)
            {
                Assert.Equal(last.Evidence, stored.Answers["UH-01"].Evidence);
            }
        }

        foreach (var roundId in importsTried)
        {
            var cases = store.Cases.Count(c => c.RoundId == roundId);
            Assert.True(cases is 0 or ImportRows, $"Round {roundId} holds {cases} of {ImportRows} imported cases (seed {seed})");
            Assert.True(!importsAcknowledged.Contains(roundId) || cases == ImportRows, $"An acknowledged import into {roundId} is missing (seed {seed})");
            var subject = $"round:{roundId}";
            Assert.Equal(cases == 0 ? 0 : 1, store.AuditEntries.Count(e => e.Type == "case.added" && e.Subject == subject));
        }

        var chain = AuditTrail.Verify(AuditTrail.All(store));
        Assert.True(chain.Ok, $"{chain.Reason} (seed {seed})");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner; not a test failure.
        }
    }
}
