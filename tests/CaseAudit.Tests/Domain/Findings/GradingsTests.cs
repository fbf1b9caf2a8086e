using CaseAudit.Web.Domain.Findings;
using CaseAudit.Web.Domain.Rounds;
using static CaseAudit.Tests.Domain.Findings.FindingsData;

namespace CaseAudit.Tests.Domain.Findings;

public sealed class GradingsTests
{
    [Fact]
    public void Flattening_returns_keeps_grades_and_not_applicable_in_template_order_and_skips_text_and_unanswered_questions()
    {
        var template = Template("1.0", Section("a", Graded("Q1"), Text("T1")), Section("b", Graded("Q2"), Graded("Q3")));
        var agencyReturn = new AgencyReturn
        {
            CaseId = "c1",
            AgencyId = "health",
            Answers = new()
            {
                ["Q3"] = new Answer { Grade = Good },
                ["T1"] = new Answer { Text = "The child was seen alone." },
                ["Q1"] = new Answer { NotApplicable = true, NotApplicableReason = "No police involvement" },
                ["Q2"] = new Answer { Evidence = "Started but not yet graded" },
                ["OLD"] = new Answer { Grade = Inadequate },
            },
        };

        var gradings = Gradings.FromReturns([agencyReturn], template);

        Assert.Equal(
            [new Grading("c1", "health", "Q1", null, true), new Grading("c1", "health", "Q3", Good, false)],
            gradings);
    }
}
