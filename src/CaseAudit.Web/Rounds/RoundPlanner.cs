using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;

namespace CaseAudit.Web.Rounds;

/// The Coordinator's work on a round: create it, build its sample, move it through its
/// lifecycle. Every change is written together with its audit entry.
public sealed class RoundPlanner(CaseAuditStore store, Writer writer, RoundFindingsReader findings)
{
    public Task<Round> CreateAsync(Round round, Actor by) =>
        writer.WriteAsync(change =>
        {
            round.CreatedAt = change.Now;
            round.CreatedBy = by.Name;
            store.Rounds.Insert(round);
            change.Audit(by.Did(
                type: "round.created",
                summary: $"Round '{round.Title}' created on template {round.TemplateId} {round.TemplateVersion}",
                subject: Subject(round),
                after: new { round.Title, round.TemplateId, round.TemplateVersion, round.PeriodFrom, round.PeriodTo, round.GradingDeadline, round.AgencyIds }));
            return round;
        });

    public IReadOnlyList<SampledCase> CasesOf(string roundId) =>
        store.Cases.Find(c => c.RoundId == roundId).OrderBy(c => c.Reference, StringComparer.OrdinalIgnoreCase).ToList();

    /// Adds cases to a round still being planned, all or none. The round is read again and the
    /// rules checked under the lock that moves rounds, so an import racing another import or
    /// "Start grading" cannot add duplicates, pass the maximum or land in a grading round.
    public Task<string?> AddCasesAsync(string roundId, IReadOnlyList<SampledCase> cases, Actor by, string how) =>
        writer.WriteAsync<string?>(change =>
        {
            var round = store.Rounds.FindById(roundId);
            if (SampleRefusal(round, cases) is { } refusal)
            {
                return refusal;
            }

            foreach (var c in cases)
            {
                c.RoundId = roundId;
            }

            store.Cases.InsertBulk(cases);
            change.Audit(by.Did(
                type: "case.added",
                summary: cases.Count == 1 ? $"Case {cases[0].Reference} added to '{round!.Title}' ({how})" : $"{cases.Count} cases added to '{round!.Title}' ({how})",
                subject: Subject(round),
                after: cases.Select(c => new { c.Reference, c.AgeBand, c.Level, c.Categories, c.AgencyIds }).ToList()));
            return null;
        });

    private string? SampleRefusal(Round? round, IReadOnlyList<SampledCase> adding)
    {
        if (round is not { Status: RoundStatus.Draft })
        {
            return "The round has moved on from planning, so its sample can no longer change. Nothing was added.";
        }

        var existing = CasesOf(round.Id).Select(c => c.Reference).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (adding.FirstOrDefault(c => existing.Contains(c.Reference)) is { } twice)
        {
            return $"Case {twice.Reference} is already in this round (added a moment ago?). Nothing was added.";
        }

        return existing.Count + adding.Count > SampleImport.MaxCases
            ? $"A round can have at most {SampleImport.MaxCases} cases; this one has {existing.Count}, so {adding.Count} more would be too many. Nothing was added."
            : null;
    }

    public Task RemoveCaseAsync(Round round, SampledCase sampled, Actor by) =>
        writer.WriteAsync(change =>
        {
            store.Cases.Delete(sampled.Id);
            change.Audit(by.Did(
                type: "case.removed",
                summary: $"Case {sampled.Reference} removed from '{round.Title}' while planning",
                subject: Subject(round),
                before: new { sampled.Reference, sampled.AgeBand, sampled.Level }));
        });

    /// Records a drawn sample on the round as it is now (not as the page loaded it, so a panel
    /// or status change made meanwhile is kept), once: a second draw racing the first is refused.
    public Task<string?> RecordDrawAsync(string roundId, SampleDraw draw, IReadOnlyList<SampledCase> sample, Actor by) =>
        writer.WriteAsync<string?>(change =>
        {
            var round = store.Rounds.FindById(roundId);
            if (round is { Status: RoundStatus.Draft } && store.Cases.Exists(c => c.RoundId == roundId))
            {
                return "This round already has cases: a drawn sample can only be added to a round with none";
            }

            if (SampleRefusal(round, sample) is { } refusal)
            {
                return refusal;
            }

            foreach (var c in sample)
            {
                c.RoundId = roundId;
            }

            round!.Draw = draw;
            round.Version++;
            store.Rounds.Update(round);
            store.Cases.InsertBulk(sample);
            change.Audit(by.Did(
                type: "sample.drawn",
                summary: $"{sample.Count} cases drawn for '{round.Title}' from a pool of {draw.PoolSize} (seed {draw.Seed})",
                subject: Subject(round),
                after: new { draw.Seed, draw.SampleSize, draw.StrataBy, draw.PoolSize, references = sample.Select(c => c.Reference) }));
            return null;
        });

    /// The round's readiness as stored now; today decides the days to the deadline.
    public RoundReadiness Readiness(Round round, DateOnly? today = null) =>
        RoundReadiness.Of(
            round,
            CasesOf(round.Id),
            store.Returns.Find(r => r.RoundId == round.Id).ToList(),
            store.Moderations.Find(m => m.RoundId == round.Id).ToList(),
            store.Concerns.Find(c => c.RoundId == round.Id).ToList(),
            today ?? DateOnly.FromDateTime(DateTime.UtcNow));

    /// Moves the round on (or back, with a reason), as MoveAsync with a RoundMove, the
    /// problems joined into one message.
    public async Task<string?> MoveAsync(string roundId, int expectedVersion, RoundStatus to, string? reason, Actor by, bool understood = false) =>
        await MoveAsync(roundId, new RoundMove(to, expectedVersion, reason, understood), by) is { Count: > 0 } problems
            ? string.Join(". ", problems.Select(p => p.Message))
            : null;

    /// Moves the round on (or back, with a reason). Starting grading creates one return per
    /// case and involved agency, in the same transaction as the move. Publishing unfinished work
    /// needs the Coordinator's tick and reason, checked here against the round as it is now, and
    /// both the audit entry and the frozen findings say what was unfinished.
    public Task<IReadOnlyList<MoveProblem>> MoveAsync(string roundId, RoundMove move, Actor by) =>
        writer.WriteAsync<IReadOnlyList<MoveProblem>>(change =>
        {
            var round = store.Rounds.FindById(roundId) ?? throw new InvalidOperationException($"No round {roundId}");
            if (round.Version != move.ExpectedVersion)
            {
                return [new("", "Someone else changed this round while you were looking at it. Check the numbers below and try again.")];
            }

            var to = move.To;
            var readiness = Readiness(round, DateOnly.FromDateTime(change.Now));
            if (RoundLifecycle.Problems(round.Status, to, move.Reason, move.Understood, readiness) is { Count: > 0 } problems)
            {
                return problems;
            }

            var reason = string.IsNullOrWhiteSpace(move.Reason) ? null : move.Reason.Trim();
            var publishedWith = to == RoundStatus.Published ? readiness.PublishedWith : null;
            var from = round.Status;
            var at = change.Now;
            round.Status = to;
            round.History.Add(new StatusChange(from, to, at, by.Name, reason));
            round.Version++;
            var newReturns = from == RoundStatus.Draft && to == RoundStatus.Grading ? ReturnsToCreate(round) : [];
            store.Rounds.Update(round);
            if (newReturns.Count > 0)
            {
                store.Returns.InsertBulk(newReturns);
            }

            if (to == RoundStatus.Published)
            {
                findings.Freeze(round, at, publishedWith, reason);
            }

            var returnsLocked = from == RoundStatus.Grading && to == RoundStatus.Panel ? readiness.NotSubmitted : 0;
            change.Audit(by.Did(
                type: RoundLifecycle.Find(from, to)!.NeedsReason ? "round.reopened" : "round.status-changed",
                summary: $"'{round.Title}' moved from {from} to {to}{(publishedWith is null ? "" : $", {publishedWith}")}{(reason is null ? "" : $": {reason}")}",
                subject: Subject(round),
                before: new { status = from.ToString() },
                after: new { status = to.ToString(), reason, returnsCreated = newReturns.Count, returnsLocked, publishedWith }));
            return [];
        });

    /// Sets who sits on the moderation panel (Coordinators always do). Only active people who
    /// exist are kept, so a crafted id adds no one.
    public Task<string?> SetPanelAsync(string roundId, int expectedVersion, IEnumerable<string> userIds, Actor by) =>
        writer.WriteAsync<string?>(change =>
        {
            var round = store.Rounds.FindById(roundId) ?? throw new InvalidOperationException($"No round {roundId}");
            if (round.Version != expectedVersion)
            {
                return "Someone else changed this round while you were looking at it. Check the panel below and try again.";
            }

            var wanted = userIds.OfType<string>().ToHashSet(StringComparer.Ordinal);
            var people = store.Users.FindAll().ToDictionary(u => u.Id);
            if (people.Values.Where(u => wanted.Contains(u.Id) && !PanelMembership.MaySit(u.Roles)).Select(u => u.DisplayName).ToList() is { Count: > 0 } board)
            {
                return $"{string.Join(", ", board)} cannot sit on the panel: people with the Board role never see agencies' evidence.";
            }

            var panel = people.Values.Where(u => u.Active && wanted.Contains(u.Id)).Select(u => u.Id).Order(StringComparer.Ordinal).ToList();
            string Names(IEnumerable<string> ids) => string.Join(", ", ids.Select(id => people.TryGetValue(id, out var u) ? u.DisplayName : id));
            var before = round.PanelUserIds;
            round.PanelUserIds = panel;
            round.Version++;
            store.Rounds.Update(round);
            change.Audit(by.Did(
                type: "round.panel-changed",
                summary: $"Panel for '{round.Title}': {(panel.Count == 0 ? "Coordinators only" : Names(panel))}",
                subject: Subject(round),
                before: new { panel = before, names = Names(before) },
                after: new { panel, names = Names(panel) }));
            return null;
        });

    private List<AgencyReturn> ReturnsToCreate(Round round) =>
        CasesOf(round.Id)
            .SelectMany(c => c.AgencyIds.Intersect(round.AgencyIds).Select(agency => new AgencyReturn
            {
                Id = AgencyReturn.KeyOf(c.Id, agency),
                RoundId = round.Id,
                CaseId = c.Id,
                AgencyId = agency,
                Status = ReturnStatus.NotStarted,
            }))
            .Where(r => store.Returns.FindById(r.Id) is null)
            .ToList();

    /// Auditors type agencies as they know them: the id, full name or short name all match,
    /// among the round's participating agencies only.
    public string? AgencyByName(Round round, string typed) =>
        store.Agencies.FindAll().ToList().Where(a => round.AgencyIds.Contains(a.Id))
            .FirstOrDefault(a => new[] { a.Id, a.Name, a.ShortName }.Any(n => string.Equals(n, typed.Trim(), StringComparison.OrdinalIgnoreCase)))?.Id;

    public static string Subject(Round round) => $"round:{round.Id}";
}

/// A Coordinator's move of a round, as confirmed: the reason (for reopening, or for publishing
/// unfinished work) and whether they ticked that they understand what is unfinished.
public sealed record RoundMove(RoundStatus To, int ExpectedVersion, string? Reason = null, bool Understood = false);
