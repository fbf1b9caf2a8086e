namespace CaseAudit.Web.Pages.Shared;

/// The GOV.UK date input: day, month and year typed separately, kept as typed so a mistake
/// is shown back exactly.
public sealed class DateParts
{
    public string? Day { get; set; }

    public string? Month { get; set; }

    public string? Year { get; set; }

    public static DateParts From(DateOnly date) => new() { Day = date.Day.ToString(), Month = date.Month.ToString(), Year = date.Year.ToString() };

    public bool IsEmpty => string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year);

    /// The date, or the GOV.UK-style message saying what is wrong with it.
    public (DateOnly? Date, string? Problem) Read(string what)
    {
        if (IsEmpty)
        {
            return (null, $"Enter the {what}");
        }

        var missing = new[] { ("day", Day), ("month", Month), ("year", Year) }.Where(p => string.IsNullOrWhiteSpace(p.Item2)).Select(p => p.Item1).ToList();
        if (missing.Count > 0)
        {
            return (null, $"The {what} must include a {string.Join(" and ", missing)}");
        }

        if (!int.TryParse(Day, out var d) || !int.TryParse(Month, out var m) || !int.TryParse(Year, out var y) || Year!.Trim().Length != 4
            || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y is >= 1 and <= 9999 ? y : 2000, m))
        {
            return (null, $"The {what} must be a real date, like 27 3 2026");
        }

        return (new DateOnly(y, m, d), null);
    }
}
