using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Rounds;

/// The add-a-case and change-a-case form: what it binds, and the case-fact problems worded for
/// radios and checkboxes. The rules themselves are CaseEntry's, shared with sample files.
public sealed class CaseInput
{
    public string? Reference { get; set; }

    public string? AgeBand { get; set; }

    public string? Level { get; set; }

    public List<string> Categories { get; set; } = [];

    public string? Gender { get; set; }

    public string? EthnicityGroup { get; set; }

    public List<string> RiskFactors { get; set; } = [];

    public string? AssessmentTool { get; set; }

    public List<string> AgencyIds { get; set; } = [];

    public static CaseInput From(SampledCase c) => new()
    {
        Reference = c.Reference, AgeBand = c.AgeBand, Level = c.Level, Categories = [.. c.Categories], Gender = c.Gender,
        EthnicityGroup = c.EthnicityGroup, RiskFactors = [.. c.RiskFactors], AssessmentTool = c.AssessmentTool, AgencyIds = [.. c.AgencyIds],
    };

    public CaseEntry ToEntry() => new()
    {
        Reference = Reference, AgeBand = AgeBand, Level = Level, Categories = Categories, Gender = Gender,
        EthnicityGroup = EthnicityGroup, RiskFactors = RiskFactors, AssessmentTool = AssessmentTool, Agencies = AgencyIds,
    };
}

public static class CaseForm
{
    // The form's fields top to bottom, so the error summary lists them in that order.
    private static readonly (CaseFact Fact, string Field)[] Fields =
    [
        (CaseFact.Reference, "Input.Reference"),
        (CaseFact.AgeBand, "Input.AgeBand"),
        (CaseFact.Level, "Input.Level"),
        (CaseFact.Categories, "Input.Categories"),
        (CaseFact.RiskFactors, "Input.RiskFactors"),
        (CaseFact.AssessmentTool, "Input.AssessmentTool"),
        (CaseFact.Gender, "Input.Gender"),
        (CaseFact.Ethnicity, "Input.EthnicityGroup"),
        (CaseFact.Agencies, "Input.AgencyIds"),
    ];

    /// One message per field, next to it and in the error summary.
    public static void AddErrors(PageModel page, IEnumerable<CaseProblem> problems)
    {
        var byFact = problems.GroupBy(p => p.Fact).ToDictionary(g => g.Key, g => g.First());
        foreach (var (fact, field) in Fields)
        {
            if (byFact.TryGetValue(fact, out var problem))
            {
                page.AddError(field, Message(problem));
            }
        }
    }

    private static string Message(CaseProblem problem) => problem.Fact switch
    {
        _ when problem.Kind == CaseProblemKind.UnsafeReference => problem.Reason!,
        _ when problem.Kind == CaseProblemKind.AlreadyInRound => $"Case {problem.Typed} is already in this round's sample",
        var f when f == CaseFact.AgeBand => "Select the child's age band",
        var f when f == CaseFact.Level => "Select the level of intervention",
        var f when f == CaseFact.Categories => "Select at least one category of neglect",
        var f when f == CaseFact.RiskFactors => "Select risk factors from the list",
        var f when f == CaseFact.Agencies => "Select the agencies involved with the child (at least one)",
        _ => "Select one of the options",
    };
}
