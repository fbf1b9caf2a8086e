using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using Humanizer;

namespace CaseAudit.Web.Rounds;

/// The Coordinator's work on a round: create it, build its sample, move it through its
/// lifecycle. Every change is written together with its audit entry.
public sealed class RoundPlanner(CaseAuditStore store, Writer writer, RoundFindingsReader findings, Email.Notices notices)
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
                summary: cases.Count == 1 ? $"Case {cases[0].Reference} added to '{round!.Title}' ({how})" : $"{"case".ToQuantity(cases.Count)} added to '{round!.Title}' ({how})",
                subject: Subject(round),
                after: cases.Select(c => new { c.Reference, c.AgeBand, c.Level, c.Categories, c.AgencyIds }).ToList()));
            return null;
        });

    private string? SampleRefusal(Round? round, IReadOnlyList<SampledCase> adding)
    {
        if (round is not { Status: RoundStatus.Draft })
        {
            return $"{SampleFixed} Nothing was added.";
        }

        var existing = CasesOf(round.Id).Select(c => c.Reference).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (adding.FirstOrDefault(c => existing.Contains(c.Reference)) is { } twice)
        {
            return $"Case {twice.Reference} is already in this round (added a moment ago?). Nothing was added.";
        }

        return existing.Count + adding.Count > Round.MaxCases
            ? $"A round can have at most {Round.MaxCases} cases; this one has {existing.Count}, so {"more case".ToQuantity(adding.Count)} would be too many. Nothing was added."
            : null;
    }

    private const string SampleFixed = "The round has moved on from planning, so its sample can no longer change.";

    /// Corrects a case while the round is in Draft, by the rules a new case meets (its
    /// reference still unique in the round). Problems come back by fact; a refusal (a stale
    /// page, the round moved on, the case gone) as text.
    public Task<CaseChange> ChangeCaseAsync(string roundId, string caseId, int expectedVersion, CaseEntry entry, Actor by) =>
        writer.WriteAsync(change =>
        {
            var round = store.Rounds.FindById(roundId);
            if (round is not { Status: RoundStatus.Draft })
            {
                return CaseChange.Refused($"{SampleFixed} Nothing was changed.");
            }

            if (store.Cases.FindById(caseId) is not { } sampled || sampled.RoundId != roundId)
            {
                return CaseChange.Refused("The case is no longer in this round's sample (removed a moment ago?). Nothing was changed.");
            }

            if (sampled.Version != expectedVersion)
            {
                return CaseChange.Refused("Someone else changed this case while you were looking at it. What is saved now is shown below: check it, then make your change again.");
            }

            var others = CasesOf(roundId).Where(c => c.Id != caseId).Select(c => c.Reference).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var check = entry.Check(round.AgencyIds, id => id, others.Contains);
            if (!check.Ok)
            {
                return new CaseChange(null, check.Problems);
            }

            var before = Facts(sampled);
            var wasReference = sampled.Reference;
            var now = check.Case;
            (sampled.Reference, sampled.AgeBand, sampled.Level, sampled.Categories, sampled.Gender, sampled.EthnicityGroup, sampled.RiskFactors, sampled.AssessmentTool, sampled.AgencyIds) =
                (now.Reference, now.AgeBand, now.Level, now.Categories, now.Gender, now.EthnicityGroup, now.RiskFactors, now.AssessmentTool, now.AgencyIds);
            sampled.Version++;
            store.Cases.Update(sampled);
            change.Audit(by.Did(
                type: "case.changed",
                summary: wasReference == sampled.Reference
                    ? $"Case {sampled.Reference} changed in '{round.Title}' while planning"
                    : $"Case {wasReference} changed in '{round.Title}' while planning, now {sampled.Reference}",
                subject: Subject(round),
                before: before,
                after: Facts(sampled)));
            return CaseChange.Saved;
        });

    /// Takes a case out of a round's sample while it is in Draft. The reason is kept in the
    /// audit entry's After, out of its Summary: like a reopen reason, it may be case content.
    public Task<string?> RemoveCaseAsync(string roundId, string caseId, int expectedVersion, string? reason, Actor by) =>
        writer.WriteAsync<string?>(change =>
        {
            var round = store.Rounds.FindById(roundId);
            if (round is not { Status: RoundStatus.Draft })
            {
                return $"{SampleFixed} Nothing was removed.";
            }

            if (store.Cases.FindById(caseId) is not { } sampled || sampled.RoundId != roundId)
            {
                return "The case is no longer in this round's sample (removed a moment ago?).";
            }

            if (sampled.Version != expectedVersion)
            {
                return "Someone else changed this case while you were looking at it. Check it below and try again.";
            }

            if (CaseRemoval.ReasonProblem(reason) is { } problem)
            {
                return problem;
            }

            store.Cases.Delete(sampled.Id);
            change.Audit(by.Did(
                type: "case.removed",
                summary: $"Case {sampled.Reference} removed from '{round.Title}' while planning",
                subject: Subject(round),
                before: Facts(sampled),
                after: new { reason = reason!.Trim() }));
            return null;
        });

    /// Corrects a round's title, period, deadline and agencies while it is in Draft. Taking an
    /// agency out also takes it off the cases it was involved in; it is refused while any case
    /// involves no other agency of the round, since no one would then grade that case.
    public Task<IReadOnlyList<PlanProblem>> ChangePlanAsync(string roundId, int expectedVersion, RoundPlan plan, Actor by) =>
        writer.WriteAsync<IReadOnlyList<PlanProblem>>(change =>
        {
            var round = store.Rounds.FindById(roundId);
            if (round is not { Status: RoundStatus.Draft })
            {
                return [new PlanProblem("", "The round has moved on from planning, so its title, dates and agencies can no longer change. Nothing was changed.")];
            }

            if (round.Version != expectedVersion)
            {
                return [new PlanProblem("", "Someone else changed this round while you were looking at it. What is saved now is shown below: check it, then make your change again.")];
            }

            var agencies = store.Agencies.FindAll().ToDictionary(a => a.Id);
            if (plan.AgencyIds.Any(a => !agencies.ContainsKey(a)))
            {
                return [new PlanProblem(RoundPlan.AgenciesField, "Select agencies from the list")];
            }

            var cases = CasesOf(roundId);
            if (plan.Problems(DateOnly.FromDateTime(change.Now), round.AgencyIds, cases, id => agencies.TryGetValue(id, out var a) ? a.Name : id) is { Count: > 0 } problems)
            {
                return problems;
            }

            var before = RoundPlan.Of(round);
            var dropped = round.AgencyIds.Except(plan.AgencyIds).ToList();
            var trimmed = cases.Where(c => c.AgencyIds.Intersect(dropped).Any()).ToList();
            foreach (var c in trimmed)
            {
                c.AgencyIds = [.. c.AgencyIds.Except(dropped)];
                c.Version++;
            }

            plan.ApplyTo(round);
            round.Version++;
            store.Rounds.Update(round);
            if (trimmed.Count > 0)
            {
                store.Cases.Update(trimmed);
            }

            change.Audit(by.Did(
                type: "round.changed",
                summary: $"'{round.Title}' changed while planning: {string.Join(", ", Changed(before, RoundPlan.Of(round)))}",
                subject: Subject(round),
                before: before,
                after: new { plan = RoundPlan.Of(round), agenciesTakenOffCases = trimmed.Select(c => c.Reference) }));
            return [];
        });

    private static IEnumerable<string> Changed(RoundPlan before, RoundPlan after)
    {
        var changed = new List<string>();
        if (before.Title != after.Title)
        {
            changed.Add("title");
        }

        if ((before.PeriodFrom, before.PeriodTo) != (after.PeriodFrom, after.PeriodTo))
        {
            changed.Add("period under review");
        }

        if (before.GradingDeadline != after.GradingDeadline)
        {
            changed.Add("grading deadline");
        }

        if (!before.AgencyIds.Order().SequenceEqual(after.AgencyIds.Order()))
        {
            changed.Add("agencies");
        }

        return changed.Count == 0 ? ["nothing"] : changed;
    }

    private static object Facts(SampledCase c) =>
        new { c.Reference, c.AgeBand, c.Level, c.Categories, c.Gender, c.EthnicityGroup, c.RiskFactors, c.AssessmentTool, c.AgencyIds };

    /// Records a drawn sample on the round as it is now (not as the page loaded it, so a panel
    /// or status change made meanwhile is kept), adding to the cases already there. The page
    /// drew from pool cases not already in the sample it saw; if the sample has changed since
    /// (another draw or import a moment ago), the draw is refused rather than added on top.
    public Task<string?> RecordDrawAsync(string roundId, int casesSeen, SampleDraw draw, IReadOnlyList<SampledCase> sample, Actor by) =>
        writer.WriteAsync<string?>(change =>
        {
            var round = store.Rounds.FindById(roundId);
            if (round is { Status: RoundStatus.Draft } && store.Cases.Count(c => c.RoundId == roundId) is var count && count != casesSeen)
            {
                return $"The round's sample changed while you were drawing: it now has {"case".ToQuantity(count)}. Nothing was drawn: check the sample, then draw again if you still need more.";
            }

            if (SampleRefusal(round, sample) is { } refusal)
            {
                return refusal;
            }

            foreach (var c in sample)
            {
                c.RoundId = roundId;
            }

            if (round!.Draw is { } earlier)
            {
                round.EarlierDraws.Add(earlier);
            }

            round.Draw = draw;
            round.Version++;
            store.Rounds.Update(round);
            store.Cases.InsertBulk(sample);
            change.Audit(by.Did(
                type: "sample.drawn",
                summary: $"{"case".ToQuantity(sample.Count)} drawn for '{round.Title}' from a pool of {draw.PoolSize} (seed {draw.Seed})",
                subject: Subject(round),
                after: new { draw.Seed, draw.SampleSize, draw.StrataBy, draw.PoolSize, casesAlready = casesSeen, references = sample.Select(c => c.Reference) }));
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
            var round = store.Rounds.FindById(roundId) ?? throw new RecordGone("round", roundId);
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
                notices.RoundPublished(change, round, at, publishedWith);
            }

            if (from == RoundStatus.Draft && to == RoundStatus.Grading)
            {
                notices.GradingStarted(change, round, at);
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
            var round = store.Rounds.FindById(roundId) ?? throw new RecordGone("round", roundId);
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

    /// Reminders can be changed until grading closes; after that none are sent.
    public static bool CanChangeReminders(Round round) => round.Status is RoundStatus.Draft or RoundStatus.Grading;

    public Task<string?> SetReminderDaysAsync(string roundId, int expectedVersion, IReadOnlyList<int> days, Actor by) =>
        writer.WriteAsync<string?>(change =>
        {
            var round = store.Rounds.FindById(roundId) ?? throw new RecordGone("round", roundId);
            if (round.Version != expectedVersion)
            {
                return "Someone else changed this round while you were looking at it. What is saved now is shown below: check it, then make your change again.";
            }

            if (!CanChangeReminders(round))
            {
                return $"Reminders cannot be changed now: the round is {round.Status} and grading has closed.";
            }

            var before = round.ReminderDays;
            var after = days.Distinct().OrderDescending().ToList();
            if (before.OrderDescending().SequenceEqual(after))
            {
                return null;
            }

            round.ReminderDays = after;
            round.Version++;
            store.Rounds.Update(round);
            change.Audit(by.Did(
                type: "round.reminders-changed",
                summary: $"Reminders for '{round.Title}': {(after.Count == 0 ? "none" : $"{Domain.Email.ReminderSchedule.Format(after)} days before the deadline")}",
                subject: Subject(round),
                before: new { reminderDays = before },
                after: new { reminderDays = after }));
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

/// What a case change came to: saved, refused with a reason, or problems with its facts.
public sealed record CaseChange(string? Refusal, IReadOnlyList<CaseProblem> Problems)
{
    public static readonly CaseChange Saved = new(null, []);

    public bool IsSaved => Refusal is null && Problems.Count == 0;

    public static CaseChange Refused(string why) => new(why, []);
}
