using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;

namespace CaseAudit.Tests.Domain.Rounds;

public sealed class ModerationRulesTests
{
    private static readonly GradingScale Ofsted = new("Ofsted", ["Outstanding", "Good", "Requires improvement", "Inadequate"], ["Outstanding", "Good"], true, Ordinal: true);

    [Fact]
    public void Grades_two_steps_apart_diverge()
    {
        Assert.True(ModerationRules.Diverges(["Good", "Inadequate"], Ofsted));
        Assert.True(ModerationRules.Diverges(["Outstanding", "Good", "Requires improvement"], Ofsted));
    }

    [Fact]
    public void Grades_one_step_apart_or_the_same_do_not_diverge()
    {
        Assert.False(ModerationRules.Diverges(["Good", "Requires improvement"], Ofsted));
        Assert.False(ModerationRules.Diverges(["Good", "Good"], Ofsted));
    }

    [Fact]
    public void Not_applicable_blanks_and_a_single_grade_never_diverge()
    {
        Assert.False(ModerationRules.Diverges(["Outstanding", GradingScale.NotApplicable, null], Ofsted));
        Assert.False(ModerationRules.Diverges(["Inadequate"], Ofsted));
    }

    [Fact]
    public void A_nominal_scale_has_no_steps_so_it_never_diverges()
    {
        Assert.False(ModerationRules.Diverges(["Outstanding", "Inadequate"], Ofsted with { Ordinal = false }));
    }
}
