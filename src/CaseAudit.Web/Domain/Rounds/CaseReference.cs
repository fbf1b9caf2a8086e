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

    // Words that appear in ordinary reference codes and are not names: two of any other words
    // make a name, so the service and plan abbreviations case systems put in ids are listed too.
    private static readonly HashSet<string> CodeWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "case", "ref", "child", "family", "audit", "round", "sample", "pool", "pilot", "north", "south", "east", "west",
        "no", "id", "lac", "cla", "cin", "cp", "cpp", "eh", "eha", "csc", "mash", "yot", "send", "ehcp",
    };

    private static readonly string[] DateFormats =
    [
        // The reference's separators are spaces by the time it is parsed.
        "d M yyyy", "d M yy", "yyyy M d", "ddMMyyyy", "yyyyMMdd",
        "d MMM yyyy", "d MMMM yyyy", "dMMMyyyy", "MMMM yyyy", "dMMMMyyyy",
        // Two-digit years, as spreadsheets show dates ("12-Mar-15").
        "d MMM yy", "d MMMM yy", "dMMMyy",
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

        // People and systems split the same number or date with whatever is to hand, so every
        // check below sees one spelling: each run of separators becomes a single space.
        var plain = Separators().Replace(value, " ").Trim();

        if (Postcode().IsMatch(plain))
        {
            return $"The case reference looks like a postcode. {Advice}";
        }

        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        foreach (Match run in DigitRun().Matches(plain))
        {
            if (ContainsNhsNumber(run.Value))
            {
                return $"The case reference looks like an NHS number. {Advice}";
            }
        }

        if (Phone().IsMatch(plain))
        {
            return $"The case reference looks like a phone number. {Advice}";
        }

        if (LooksLikeDate(plain))
        {
            return $"The case reference looks like a date, such as a date of birth. {Advice}";
        }

        // Before the character check, so "O'Neil" is called a name rather than a bad character.
        if (LooksLikeName(plain))
        {
            return $"The case reference looks like it contains a person's name. {Advice}";
        }

        if (!Allowed().IsMatch(value))
        {
            return $"The case reference can only contain letters, numbers, spaces and - _ / . {Advice}";
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

    // A capitalised word is written as a name is; otherwise it takes two words of letters in any
    // case, so "jane smith 2015" is a name but a letter prefix such as "KR" in "KR/2025/0042" is
    // not. Words are cut at digits too, so "smith2015" is still the word "smith".
    private static bool LooksLikeName(string plain)
    {
        var words = Word().Matches(plain).Select(m => m.Value).Where(w => !CodeWords.Contains(w)).ToList();
        return words.Any(w => CapitalisedWord().IsMatch(w)) || words.Count(w => w.Count(char.IsLetter) >= 2) >= 2;
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
    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Za-z]{1,2}[0-9][A-Za-z0-9]?\s?[0-9][A-Za-z]{2}(?![A-Za-z0-9])")]
    private static partial Regex Postcode();

    [GeneratedRegex(@"[\s._/\-]+")]
    private static partial Regex Separators();

    // Digits possibly split by spaces, as NHS numbers are written ("943 476 5919").
    [GeneratedRegex(@"\d(?: ?\d)+")]
    private static partial Regex DigitRun();

    [GeneratedRegex(@"\d+")]
    private static partial Regex DigitGroup();

    // UK phone numbers: +44 or 0, then 9–10 more digits, spaces allowed.
    [GeneratedRegex(@"(?<!\d)(?:\+44|0044|0) ?\d(?: ?\d){8,9}(?!\d)")]
    private static partial Regex Phone();

    // Day, month and year, either way round; eight digits; a day and month name with a year.
    [GeneratedRegex(@"(?<!\d)\d{1,4} \d{1,2} \d{2,4}(?!\d)|(?<!\d)\d{8}(?!\d)|(?<!\d)\d{1,2} ?[A-Za-z]{3,9} ?\d{2,4}(?!\d)|(?<![A-Za-z])[A-Za-z]{3,9} \d{4}(?!\d)")]
    private static partial Regex DateLike();

    [GeneratedRegex(@"^[A-Za-z0-9 _/.\-]+$")]
    private static partial Regex Allowed();

    // Letters, with an apostrophe inside as in "O'Neil".
    [GeneratedRegex(@"[A-Za-z]+(?:['’][A-Za-z]+)*")]
    private static partial Regex Word();

    // A capitalised word of letters ("Smith", "O'Neil"), as names are written.
    [GeneratedRegex(@"^[A-Z][a-z]{2,}$|^[A-Z]['’][A-Z][a-z]+$")]
    private static partial Regex CapitalisedWord();
}
