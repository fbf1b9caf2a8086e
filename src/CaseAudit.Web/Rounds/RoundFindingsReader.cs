using System.Text.Json;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Findings;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;
using CaseAudit.Web.Templates;

namespace CaseAudit.Web.Rounds;

/// A round's findings as every reader sees them (the Coordinator's page now; the board's
/// pages and the workbook next), with the trend against the previous published round on the
/// same template.
public sealed record RoundFindingsView(Round Round, RoundFindings Findings, string Basis, Round? Previous, TrendReport? Trend, HeatMap HeatMap)
{
    /// Set on findings published before the work was finished: what was unfinished and why the
    /// Coordinator published anyway, so every reader sees it beside the numbers.
    public string? PublishedWith { get; init; }

    public string? PublishReason { get; init; }
}

public sealed class RoundFindingsReader(CaseAuditStore store, TemplateLibrary templates)
{
    private static readonly JsonSerializerOptions Json = new();

    private sealed record Snapshot(RoundFindings Findings, string Basis, string? PreviousId, TrendReport? Trend, HeatMap HeatMap);

    /// Published and closed rounds read their frozen snapshot; others are worked out now.
    public RoundFindingsView Read(Round round)
    {
        if (round.Status is RoundStatus.Published or RoundStatus.Closed && store.PublishedFindings.FindById(round.Id) is { } frozen)
        {
            var snapshot = JsonSerializer.Deserialize<Snapshot>(frozen.Json, Json)!;
            var previousRound = snapshot.PreviousId is null ? null : store.Rounds.FindById(snapshot.PreviousId);
            return new RoundFindingsView(round, snapshot.Findings.WithPanelApart(), snapshot.Basis, previousRound, snapshot.Trend, snapshot.HeatMap.WithPanelApart())
            {
                PublishedWith = frozen.PublishedWith,
                PublishReason = frozen.Reason,
            };
        }

        return Compute(round);
    }

    /// How far each agency's own grades matched the panel's agreed grades, on moderated cases
    /// only: how partnerships track moderation quality. Null until a case is moderated.
    public AgreementReport? Agreement(Round round)
    {
        var moderated = store.Moderations.Find(m => m.RoundId == round.Id && m.Status == ModerationStatus.Moderated).ToList();
        if (moderated.Count == 0)
        {
            return null;
        }

        var template = templates.TemplateOf(round.TemplateId, round.TemplateVersion)!;
        var cases = moderated.Select(m => m.CaseId).ToHashSet();
        var agencyGradings = Gradings.FromReturns(
            store.Returns.Find(r => r.RoundId == round.Id && r.Status == ReturnStatus.Submitted).ToList().Where(r => cases.Contains(r.CaseId)), template);
        var agreed = moderated.SelectMany(m => m.Agreed.Select(a => new Grading(m.CaseId, Grading.Panel, a.Key, a.Value.Grade, a.Value.NotApplicable))).ToList();
        return Domain.Findings.Agreement.Between(agencyGradings, agreed, template.Scale);
    }

    /// Called as the round is published, inside the same transaction as the status change.
    public void Freeze(Round round, DateTime at, string? publishedWith = null, string? reason = null)
    {
        var view = Compute(round);
        store.PublishedFindings.Upsert(new PublishedFindings
        {
            Id = round.Id,
            PublishedAt = at,
            Json = JsonSerializer.Serialize(new Snapshot(view.Findings, view.Basis, view.Previous?.Id, view.Trend, view.HeatMap), Json),
            PublishedWith = publishedWith,
            Reason = publishedWith is null ? null : reason,
        });
    }

    private RoundFindingsView Compute(Round round)
    {
        var inputs = InputsOf(round);
        var findings = FindingsCalculator.For(inputs.Template, inputs.Cases, inputs.Gradings, inputs.AgencyNames);
        var basis = inputs.Basis;
        var previous = store.Rounds.Find(r => r.TemplateId == round.TemplateId && r.Id != round.Id).ToList()
            .Where(r => r.Status is RoundStatus.Published or RoundStatus.Closed && r.PeriodTo < round.PeriodTo)
            .OrderByDescending(r => r.PeriodTo)
            .FirstOrDefault();
        // Read, not recomputed: the previous round's findings as frozen when it was published.
        var trend = previous is null ? null : Trend.Compare(findings, Read(previous).Findings);
        return new RoundFindingsView(round, findings, basis, previous, trend, HeatMaps.For(inputs.Template, inputs.Cases, AgencyAndPanelGradings(round, inputs.Template), inputs.AgencyNames));
    }

    // The heat map's rows are each agency's own submitted grades, moderated cases included, and
    // the panel's agreed grades are its own row: from the findings' gradings (agreed grades in
    // place of the agencies' on moderated cases) a fully moderated round had no agency rows at all,
    // and the page disagreed with the workbook's Heat map sheet.
    private List<Grading> AgencyAndPanelGradings(Round round, AuditTemplate template)
    {
        var submitted = store.Returns.Find(r => r.RoundId == round.Id && r.Status == ReturnStatus.Submitted).ToList();
        var moderated = store.Moderations.Find(m => m.RoundId == round.Id && m.Status == ModerationStatus.Moderated).ToList();
        return [.. Gradings.FromReturns(submitted, template), .. moderated.SelectMany(m => m.Agreed.Select(a => new Grading(m.CaseId, Grading.Panel, a.Key, a.Value.Grade, a.Value.NotApplicable)))];
    }

    /// What a round's findings are worked out from, for views (such as the board's heat map)
    /// that need the same gradings as the findings themselves.
    public RoundFindingsInputs InputsOf(Round round)
    {
        var template = templates.TemplateOf(round.TemplateId, round.TemplateVersion)!;
        // In reference order, as the round's page lists them: the store's order for cases of one
        // round is not fixed, and the "by case" rows and frozen snapshots should be.
        var cases = store.Cases.Find(c => c.RoundId == round.Id).OrderBy(c => c.Reference, StringComparer.OrdinalIgnoreCase).ToList();
        var moderated = store.Moderations.Find(m => m.RoundId == round.Id && m.Status == ModerationStatus.Moderated).ToList();
        var moderatedCases = moderated.Select(m => m.CaseId).ToHashSet();
        var submitted = store.Returns.Find(r => r.RoundId == round.Id && r.Status == ReturnStatus.Submitted).ToList()
            .Where(r => !moderatedCases.Contains(r.CaseId));
        var gradings = Gradings.FromReturns(submitted, template)
            .Concat(moderated.SelectMany(m => m.Agreed.Select(a => new Grading(m.CaseId, Grading.Panel, a.Key, a.Value.Grade, a.Value.NotApplicable))))
            .ToList();
        var agencyNames = store.Agencies.FindAll().ToDictionary(a => a.Id, a => a.Name);
        agencyNames[Grading.Panel] = Grading.PanelLabel;
        var basis = moderatedCases.Count == 0
            ? "Single-agency grades from submitted returns: the panel has not moderated any case yet."
            : moderatedCases.Count >= cases.Count
                ? $"Agreed grades from panel moderation of all {cases.Count} cases."
                : $"Agreed grades for the {moderatedCases.Count} of {cases.Count} cases moderated so far; each agency's own submitted grades for the rest.";
        return new RoundFindingsInputs(template, cases, gradings, agencyNames, basis);
    }
}

public sealed record RoundFindingsInputs(
    AuditTemplate Template,
    IReadOnlyList<SampledCase> Cases,
    IReadOnlyList<Grading> Gradings,
    IReadOnlyDictionary<string, string> AgencyNames,
    string Basis);
