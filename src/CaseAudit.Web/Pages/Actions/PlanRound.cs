using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;

namespace CaseAudit.Web.Pages.Actions;

/// A round and the names of its agencies, as the action pages need them.
public sealed record PlanRound(Round Round, IReadOnlyDictionary<string, string> AgencyNames, IReadOnlyList<(string, string)> LearningOptions)
{
    public IReadOnlyList<(string, string)> RoundAgencies => Round.AgencyIds.Select(a => (a, AgencyNames.GetValueOrDefault(a, a))).ToList();

    public string AgencyName(string id) => AgencyNames.GetValueOrDefault(id, id);

    public static PlanRound? Load(CaseAuditStore store, string id) =>
        store.Rounds.FindById(id) is { } round
            ? new PlanRound(round, store.Agencies.FindAll().ToDictionary(a => a.Id, a => a.Name),
                store.LearningPoints.Find(l => l.RoundId == id).ToList()
                    .Select(l => (l.Id, $"{LearningPoint.KindLabel(l.Kind)}: {(l.Text.Length > 120 ? l.Text[..117] + "..." : l.Text)}")).ToList())
            : null;
}
