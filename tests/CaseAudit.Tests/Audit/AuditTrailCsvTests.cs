using CaseAudit.Web.Data;

namespace CaseAudit.Tests.Audit;

public sealed class AuditTrailCsvTests
{
    private static string Write(params AuditEntry[] entries)
    {
        var output = new StringWriter();
        AuditTrailCsv.Write(entries, output);
        return output.ToString();
    }

    private static AuditEntry Entry(string summary, string actor = "Alice") => new()
    {
        Seq = 7,
        At = new DateTime(2026, 4, 2, 10, 5, 0, 250, DateTimeKind.Utc),
        ActorName = actor,
        Type = "user.updated",
        Summary = summary,
        PreviousHash = new string('a', 64),
        Hash = new string('b', 64),
    };

    [Fact]
    public void The_csv_starts_with_a_header_and_ends_rows_with_crlf()
    {
        var csv = Write(Entry("Plain"));

        var lines = csv.Split("\r\n");
        Assert.StartsWith("Seq,At (UTC),Actor id,Actor,", lines[0]);
        Assert.Equal($"7,2026-04-02T10:05:00.250Z,,Alice,,user.updated,,Plain,,,,{new string('a', 64)},{new string('b', 64)}", lines[1]);
        Assert.Equal("", lines[2]);
    }

    [Fact]
    public void Quotes_commas_and_line_breaks_are_quoted_with_inner_quotes_doubled()
    {
        var csv = Write(Entry("He said \"no\", then left\r\nnext line\nand more"));

        Assert.Contains(",\"He said \"\"no\"\", then left\r\nnext line\nand more\",", csv);
    }

    [Theory]
    [InlineData("=cmd()", "'=cmd()")]
    [InlineData("+1+2", "'+1+2")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("00123", "00123")]
    [InlineData("Bell\u0007 and NUL\u0000", "Bell and NUL")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void Cells_a_spreadsheet_would_run_as_formulas_are_neutralised(string value, string cell)
    {
        Assert.Equal(cell, AuditTrailCsv.Cell(value));
    }

    [Fact]
    public void A_formula_in_the_actor_name_is_written_as_text()
    {
        var csv = Write(Entry("ok", actor: "=cmd()"));

        Assert.Contains(",'=cmd(),", csv);
        Assert.DoesNotContain(",=cmd()", csv);
    }
}
