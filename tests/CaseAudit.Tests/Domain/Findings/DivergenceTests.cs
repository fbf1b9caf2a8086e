using CaseAudit.Web.Domain.Findings;
using static CaseAudit.Tests.Domain.Findings.FindingsData;

namespace CaseAudit.Tests.Domain.Findings;

public sealed class DivergenceTests
{
    [Fact]
    public void Grades_two_steps_apart_are_flagged()
    {
        Assert.True(Divergence.Flags([G("c1", "health", "Q1", Good), G("c1", "police", "Q1", Inadequate)], Ofsted));
        Assert.True(Divergence.Flags([G("c1", "health", "Q1", Outstanding), G("c1", "lac", "Q1", RequiresImprovement), G("c1", "police", "Q1", Good)], Ofsted));
    }

    [Fact]
    public void Adjacent_grades_are_not_flagged()
    {
        Assert.False(Divergence.Flags([G("c1", "health", "Q1", Good), G("c1", "police", "Q1", RequiresImprovement), G("c1", "lac", "Q1", Good)], Ofsted));
    }

    [Fact]
    public void Not_applicable_is_ignored_rather_than_treated_as_a_grade()
    {
        // If N/A were read as "below Inadequate" or as any grade, Outstanding against it would flag.
        Assert.False(Divergence.Flags([G("c1", "health", "Q1", Outstanding), NA("c1", "police", "Q1"), G("c1", "lac", "Q1", Good)], Ofsted));
        Assert.False(Divergence.Flags([G("c1", "health", "Q1", Inadequate), NA("c1", "police", "Q1")], Ofsted));
    }

    [Fact]
    public void An_unordered_scale_never_flags()
    {
        Assert.False(Divergence.Flags([G("c1", "health", "Q1", "Yes"), G("c1", "police", "Q1", "No")], YesPartlyNo));
        // The same positions on an ordered scale would flag: it is the ordering that matters.
        Assert.True(Divergence.Flags([G("c1", "health", "Q1", "Yes"), G("c1", "police", "Q1", "No")], YesPartlyNo with { Ordinal = true }));
    }

    [Fact]
    public void Gradings_for_different_cases_or_questions_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Divergence.Flags([G("c1", "health", "Q1", Good), G("c2", "police", "Q1", Inadequate)], Ofsted));
    }
}
