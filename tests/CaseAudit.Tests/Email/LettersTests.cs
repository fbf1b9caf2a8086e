using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Email;

namespace CaseAudit.Tests.Email;

public sealed class LettersTests
{
    private static readonly Letters Letters = new("https://caseaudit.partnership.example");

    private static readonly Round Round = new()
    {
        Id = "r1", Title = "Neglect <spring> & \"summer\"", GradingDeadline = new DateOnly(2027, 3, 19),
    };

    [Fact]
    public void Html_is_escaped_so_a_round_title_cannot_become_markup()
    {
        var html = Letters.ReturnsToGrade(Round, "Northshire Police", 3).Html("Pat <b>Police</b>");
        Assert.Contains("Neglect &lt;spring&gt; &amp; &quot;summer&quot;", html, StringComparison.Ordinal);
        Assert.Contains("Dear Pat &lt;b&gt;Police&lt;/b&gt;,", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<spring>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_letter_in_text_says_who_it_is_for_what_to_do_where_and_why_they_got_it()
    {
        var text = Letters.DeadlineReminder(Round, "Northshire Police", 1, 2).Text("Pat Police");
        Assert.Equal(
            "Dear Pat Police,\n\n"
            + "Northshire Police has 1 return not yet submitted for \"Neglect <spring> & \"summer\"\". The grading deadline is Friday 19 March 2027.\n\n"
            + "Open your returns: https://caseaudit.partnership.example/returns\n\n"
            + "-- \nYou get this because you audit for Northshire Police on CaseAudit and your agency has returns not submitted. "
            + "Choose which emails you get on Your account: https://caseaudit.partnership.example/account/emails\n",
            text);
    }

    [Fact]
    public void The_coordinators_digest_lists_each_late_agency_with_its_counts()
    {
        var letter = Letters.OverdueDigest(Round, [("Northshire Police", 2, 5, 1), ("Northshire Schools", 1, 1, 0)]);
        Assert.Equal("Late returns for Neglect <spring> & \"summer\": 2 agencies still to submit", letter.Subject);
        Assert.Equal(["Northshire Police: 2 of 5 returns not submitted (1 in progress)", "Northshire Schools: 1 of 1 return not submitted (0 in progress)"], letter.Items);
    }
}
