using CaseAudit.Web.Domain.Rounds;

namespace CaseAudit.Tests.Domain.Rounds;

/// The rules every case meets, however it arrives: the add and change pages and sample files.
public sealed class CaseEntryTests
{
    private static readonly string[] RoundAgencies = ["police", "health"];

    private static string? Known(string agency) => agency is "police" or "health" or "probation" ? agency : null;

    private static CaseCheck Check(CaseEntry entry, params string[] taken) =>
        entry.Check(RoundAgencies, Known, r => taken.Contains(r, StringComparer.OrdinalIgnoreCase));

    private static CaseEntry Good => new()
    {
        Reference = " NS-2026-001 ", AgeBand = "5-11", Level = "child in need", Categories = ["emotional", "Emotional", "physical"],
        Agencies = ["police"], Gender = "", RiskFactors = ["Poverty"],
    };

    [Fact]
    public void A_good_case_comes_back_in_canonical_spelling_with_no_problems()
    {
        var check = Check(Good);

        Assert.True(check.Ok);
        var c = check.Case;
        Assert.Equal(("NS-2026-001", "5–11", "Child in need", "None"), (c.Reference, c.AgeBand, c.Level, c.AssessmentTool));
        Assert.Equal(["Emotional", "Physical"], c.Categories);
        Assert.Null(c.Gender);
        Assert.Equal(["police"], c.AgencyIds);
    }

    [Fact]
    public void Missing_required_facts_are_each_a_problem_in_fact_order()
    {
        var check = Check(new CaseEntry { Reference = "NS-2026-001" });

        Assert.Equal([CaseFact.AgeBand, CaseFact.Level, CaseFact.Categories, CaseFact.Agencies], check.Problems.Select(p => p.Fact));
        Assert.All(check.Problems, p => Assert.Equal(CaseProblemKind.Missing, p.Kind));
    }

    [Fact]
    public void Values_not_on_the_lists_are_problems_that_say_what_was_given()
    {
        var check = Check(new CaseEntry
        {
            Reference = "NS-2026-001", AgeBand = "7-10", Level = "Universal", Categories = ["Boredom"], Gender = "Robot", Agencies = ["fire", "probation"],
        });

        Assert.Equal(
            [(CaseFact.AgeBand, CaseProblemKind.NotAllowed, "7-10"), (CaseFact.Categories, CaseProblemKind.NotAllowed, "Boredom"), (CaseFact.Gender, CaseProblemKind.NotAllowed, "Robot"),
                (CaseFact.Agencies, CaseProblemKind.UnknownAgency, "fire"), (CaseFact.Agencies, CaseProblemKind.AgencyNotInRound, "probation")],
            check.Problems.Select(p => (p.Fact, p.Kind, p.Typed)));
    }

    [Fact]
    public void An_identifying_reference_is_refused_with_the_reason_and_never_repeated()
    {
        var check = Check(new CaseEntry { Reference = "943 476 5919", AgeBand = "0–2", Level = "Universal", Categories = ["Medical"], Agencies = ["health"] });

        var problem = Assert.Single(check.Problems);
        Assert.Equal((CaseProblemKind.UnsafeReference, null), (problem.Kind, problem.Typed));
        Assert.Contains("NHS number", problem.Reason);
    }

    [Fact]
    public void A_reference_another_case_in_the_round_has_is_refused_whatever_its_case()
    {
        var problem = Assert.Single(Check(Good, "ns-2026-001").Problems);

        Assert.Equal((CaseFact.Reference, CaseProblemKind.AlreadyInRound, "NS-2026-001"), (problem.Fact, problem.Kind, problem.Typed));
    }
}
