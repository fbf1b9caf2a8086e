namespace CaseAudit.Web.Domain.Rounds;

/// A case as someone typed or picked it, on the add or change page or in a row of a sample
/// file, before its facts are checked. Lists hold one item per value ("Emotional", "Physical").
public sealed class CaseEntry
{
    public string? Reference { get; init; }

    public string? AgeBand { get; init; }

    public string? Level { get; init; }

    public IReadOnlyList<string> Categories { get; init; } = [];

    public string? Gender { get; init; }

    public string? EthnicityGroup { get; init; }

    public IReadOnlyList<string> RiskFactors { get; init; } = [];

    public string? AssessmentTool { get; init; }

    /// The agencies as given: ids from the page's checkboxes, or names typed in a file.
    public IReadOnlyList<string> Agencies { get; init; } = [];

    /// The case in canonical spelling and every problem with it, in the order of CaseFact.All.
    /// The same rules for a case however it arrives: agencyId turns what was given into an
    /// agency id (null when CaseAudit knows no such agency), and isTaken says whether another
    /// case in the round already has a reference.
    public CaseCheck Check(IReadOnlyCollection<string> roundAgencies, Func<string, string?> agencyId, Func<string, bool> isTaken)
    {
        var problems = new List<CaseProblem>();
        var reference = Reference?.Trim() ?? "";
        if (CaseReference.Problem(reference) is { } unsafeReference)
        {
            problems.Add(new CaseProblem(CaseFact.Reference, CaseProblemKind.UnsafeReference, Reason: unsafeReference));
        }
        else if (isTaken(reference))
        {
            problems.Add(new CaseProblem(CaseFact.Reference, CaseProblemKind.AlreadyInRound, reference));
        }

        string? One(CaseFact fact, string? typed)
        {
            if (string.IsNullOrWhiteSpace(typed))
            {
                if (fact.Required)
                {
                    problems.Add(new CaseProblem(fact, CaseProblemKind.Missing));
                }

                return null;
            }

            var match = CaseFacts.Match(fact.Allowed!, typed);
            if (match is null)
            {
                problems.Add(new CaseProblem(fact, CaseProblemKind.NotAllowed, typed.Trim()));
            }

            return match;
        }

        List<string> Several(CaseFact fact, IEnumerable<string> items, Func<string, string?> match, Func<string, CaseProblemKind> unknown)
        {
            var found = new List<string>();
            var before = problems.Count;
            foreach (var item in items.Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i.Trim()))
            {
                if (match(item) is { } value)
                {
                    if (!found.Contains(value))
                    {
                        found.Add(value);
                    }
                }
                else
                {
                    problems.Add(new CaseProblem(fact, unknown(item), item));
                }
            }

            if (found.Count == 0 && fact.Required && problems.Count == before)
            {
                problems.Add(new CaseProblem(fact, CaseProblemKind.Missing));
            }

            return found;
        }

        List<string> Facts(CaseFact fact, IEnumerable<string> items) =>
            Several(fact, items, item => CaseFacts.Match(fact.Allowed!, item), _ => CaseProblemKind.NotAllowed);

        var sampled = new SampledCase
        {
            Reference = reference,
            AgeBand = One(CaseFact.AgeBand, AgeBand) ?? "",
            Level = One(CaseFact.Level, Level) ?? "",
            Categories = Facts(CaseFact.Categories, Categories),
            Gender = One(CaseFact.Gender, Gender),
            EthnicityGroup = One(CaseFact.Ethnicity, EthnicityGroup),
            RiskFactors = Facts(CaseFact.RiskFactors, RiskFactors),
            AssessmentTool = One(CaseFact.AssessmentTool, AssessmentTool) ?? "None",
            AgencyIds = Several(
                CaseFact.Agencies,
                Agencies,
                item => agencyId(item) is { } id && roundAgencies.Contains(id) ? id : null,
                item => agencyId(item) is null ? CaseProblemKind.UnknownAgency : CaseProblemKind.AgencyNotInRound),
        };
        return new CaseCheck(sampled, problems);
    }
}

public enum CaseProblemKind
{
    Missing,
    NotAllowed,
    UnsafeReference,
    AlreadyInRound,
    UnknownAgency,
    AgencyNotInRound,
}

/// What is wrong with one fact of a case. Typed is what was given (for NotAllowed, the
/// agency problems and a reference already in the round); an unsafe reference is never
/// repeated, only the Reason (it may be a child's name or NHS number). Each place a case is
/// entered words the problem for itself: a page says "Select…", a file says which cell.
public sealed record CaseProblem(CaseFact Fact, CaseProblemKind Kind, string? Typed = null, string? Reason = null);

public sealed record CaseCheck(SampledCase Case, IReadOnlyList<CaseProblem> Problems)
{
    public bool Ok => Problems.Count == 0;
}

/// Taking a case out of a planned sample needs a reason, kept in the audit trail.
public static class CaseRemoval
{
    public const int MaxReasonLength = 1000;

    public static string? ReasonProblem(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? "Enter why you are removing the case"
        : reason.Trim().Length > MaxReasonLength ? $"The reason must be {MaxReasonLength:N0} characters or fewer"
        : null;
}
