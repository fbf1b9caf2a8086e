using System.Globalization;
using System.Text.RegularExpressions;

namespace CaseAudit.Web.Domain.Rounds;

/// A case is known only by a pseudonymous reference. This refuses references that look like
/// they identify a child — a name, a date (of birth), an NHS number, a postcode, an email
/// address or a phone number — and says why, so the person can pick a safe one.
public static partial class CaseReference
{
    public const int MaxLength = 30;
    public const string Advice = "Use your agency's pseudonymous case code, like NS-2024-017.";

    // Words that appear in ordinary reference codes and are not names.
    private static readonly HashSet<string> CodeWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "case", "ref", "child", "family", "audit", "round", "sample", "pilot", "north", "south", "east", "west",
    };

    private static readonly string[] DateFormats =
    [
        "d/M/yyyy", "d/M/yy", "d-M-yyyy", "d-M-yy", "d.M.yyyy", "d.M.yy", "yyyy-M-d", "yyyy/M/d", "ddMMyyyy", "yyyyMMdd",
        "d MMM yyyy", "d MMMM yyyy", "dMMMyyyy", "d-MMM-yyyy", "d-MMMM-yyyy", "MMMM yyyy",
        // Two-digit years, as spreadsheets show dates ("12-Mar-15").
        "d MMM yy", "d MMMM yy", "d-MMM-yy", "d-MMMM-yy",
    ];

    /// Why the reference cannot be used, or null when it can.
    public static string? Problem(string? reference)
    {
        var value = reference?.Trim() ?? "";
        if (value.Length == 0)
        {
            return "Enter the case reference";
        }

        if (value.Length > MaxLength)
        {
            return $"The case reference must be {MaxLength} characters or fewer";
        }

        if (value.Contains('@'))
        {
            return $"The case reference looks like an email address. {Advice}";
        }

        if (Postcode().IsMatch(value))
        {
            return $"The case reference looks like a postcode. {Advice}";
        }

        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        foreach (Match run in DigitRun().Matches(value))
        {
            if (ContainsNhsNumber(run.Value))
            {
                return $"The case reference looks like an NHS number. {Advice}";
            }
        }

        if (Phone().IsMatch(value))
        {
            return $"The case reference looks like a phone number. {Advice}";
        }

        if (LooksLikeDate(value))
        {
            return $"The case reference looks like a date, such as a date of birth. {Advice}";
        }

        if (!Allowed().IsMatch(value))
        {
            return $"The case reference can only contain letters, numbers, spaces and - _ / . {Advice}";
        }

        if (NameWord().Matches(value).Any(m => !CodeWords.Contains(m.Value)))
        {
            return $"The case reference looks like it contains a person's name. {Advice}";
        }

        if (digits.Length == 0)
        {
            return $"The case reference must include at least one number, so it cannot be a name. {Advice}";
        }

        return null;
    }

    /// The NHS number check digit (Modulus 11): weights 10..2 on the first nine digits.
    public static bool IsNhsNumber(string tenDigits)
    {
        if (tenDigits.Length != 10 || !tenDigits.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (tenDigits[i] - '0') * (10 - i);
        }

        var check = 11 - (sum % 11);
        if (check == 11)
        {
            check = 0;
        }

        return check != 10 && check == tenDigits[9] - '0';
    }

    // A run like "2024 943 476 5919" holds an NHS number after another number, so any groups in
    // a row that make exactly ten digits are checked, not only the whole run.
    private static bool ContainsNhsNumber(string run)
    {
        var groups = DigitGroup().Matches(run).Select(m => m.Value).ToList();
        for (var first = 0; first < groups.Count; first++)
        {
            var digits = "";
            for (var last = first; last < groups.Count && digits.Length < 10; last++)
            {
                digits += groups[last];
                if (digits.Length == 10 && IsNhsNumber(digits))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool LooksLikeDate(string value)
    {
        foreach (Match candidate in DateLike().Matches(value))
        {
            if (DateTime.TryParseExact(candidate.Value.Trim(), DateFormats, CultureInfo.GetCultureInfo("en-GB"), DateTimeStyles.AllowWhiteSpaces, out var date)
                && date.Year is >= 1900 and <= 2099)
            {
                return true;
            }
        }

        return false;
    }

    // Full UK postcode, e.g. "BD1 1AA", "SW1A 2AA", "m1 1ae"; only as a whole token.
    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Za-z]{1,2}[0-9][A-Za-z0-9]?\s*[0-9][A-Za-z]{2}(?![A-Za-z0-9])")]
    private static partial Regex Postcode();

    // Digits possibly split by spaces or hyphens, like NHS numbers are written ("943 476 5919",
    // "943 - 476 - 5919").
    [GeneratedRegex(@"\d(?:[\s-]*\d)+")]
    private static partial Regex DigitRun();

    [GeneratedRegex(@"\d+")]
    private static partial Regex DigitGroup();

    // UK phone numbers: +44 or 0, then 9–10 more digits, spaces and hyphens allowed.
    [GeneratedRegex(@"(?<!\d)(?:\+44|0044|0)\s*\d(?:[\s-]?\d){8,9}(?!\d)")]
    private static partial Regex Phone();

    [GeneratedRegex(@"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{8}|\d{1,2}[\s-]*[A-Za-z]{3,9}[\s-]*\d{2,4}|[A-Za-z]{3,9}\s+\d{4}")]
    private static partial Regex DateLike();

    [GeneratedRegex(@"^[A-Za-z0-9 _/.\-]+$")]
    private static partial Regex Allowed();

    // A capitalised word of letters only ("Smith", "Jordan"), as names are written.
    [GeneratedRegex(@"(?<![A-Za-z])[A-Z][a-z]{2,}(?![A-Za-z])")]
    private static partial Regex NameWord();
}
