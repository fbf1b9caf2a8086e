namespace CaseAudit.Web.Domain.Rounds;

/// One fact recorded about a case, by the name people see on the page and in sample files.
/// Allowed is null for the reference and the agencies, which are not a fixed list.
public sealed record CaseFact(string Name, bool Required, bool IsList, IReadOnlyList<string>? Allowed)
{
    public static readonly CaseFact Reference = new("Case reference", true, false, null);
    public static readonly CaseFact AgeBand = new("Age band", true, false, CaseFacts.AgeBands);
    public static readonly CaseFact Level = new("Level of intervention", true, false, CaseFacts.Levels);
    public static readonly CaseFact Categories = new("Neglect categories", true, true, CaseFacts.NeglectCategories);
    public static readonly CaseFact Gender = new("Gender", false, false, CaseFacts.Genders);
    public static readonly CaseFact Ethnicity = new("Ethnicity group", false, false, CaseFacts.EthnicityGroups);
    public static readonly CaseFact RiskFactors = new("Risk factors", false, true, CaseFacts.RiskFactors);
    public static readonly CaseFact AssessmentTool = new("Assessment tool", false, false, CaseFacts.AssessmentTools);
    public static readonly CaseFact Agencies = new("Agencies involved", true, true, null);

    public static readonly IReadOnlyList<CaseFact> All = [Reference, AgeBand, Level, Categories, Gender, Ethnicity, RiskFactors, AssessmentTool, Agencies];
}

/// The facts recorded about a sampled case. Never a name, date of birth, address or NHS
/// number: only a pseudonymous reference and these categories, which are what findings are
/// sliced by. Each list is the wording users see and import files use.
public static class CaseFacts
{
    // Horwath's (2007) age bands, as the Blackpool strategy (seed 002) uses them: infancy "birth to
    // 2", pre-school "2 to 4", primary 5–11, adolescence 12–18. As written, 0–2 and 2–4 both hold a
    // two-year-old, so a case could be put in either and counts would depend on who entered it.
    // CaseAudit reads the bands as age in whole years and makes them disjoint, keeping infancy as
    // written: 0–2 (to the third birthday), 3–4, 5–11, 12–18. AgeBandHint says so wherever a band
    // is chosen.
    public static readonly IReadOnlyList<string> AgeBands = ["0–2", "3–4", "5–11", "12–18"];

    public const string AgeBandHint = "The child's age in whole years: a two-year-old is in 0–2, a three- or four-year-old in 3–4.";

    public static readonly IReadOnlyList<string> Levels = ["Universal", "Early help", "Child in need", "Child protection", "Looked after"];

    public static readonly IReadOnlyList<string> NeglectCategories =
        ["Medical", "Nutritional", "Emotional", "Educational", "Physical", "Lack of supervision and guidance", "Prenatal"];

    public static readonly IReadOnlyList<string> Genders = ["Girl", "Boy", "Another gender", "Not recorded"];

    // The ONS 2021 census high-level ethnic groups.
    public static readonly IReadOnlyList<string> EthnicityGroups =
        ["Asian or Asian British", "Black, Black British, Caribbean or African", "Mixed or multiple ethnic groups", "White", "Other ethnic group", "Not recorded"];

    public static readonly IReadOnlyList<string> RiskFactors =
        ["Parental mental ill health", "Substance misuse", "Domestic abuse", "Learning disability", "Poverty"];

    public static readonly IReadOnlyList<string> AssessmentTools = ["Graded Care Profile 2", "Quality of Care tool", "None"];

    /// The canonical spelling of a value typed or imported by hand: case, spacing and the
    /// hyphen/en dash in age bands ("5-11" for "5–11") do not matter; anything else is refused.
    public static string? Match(IReadOnlyList<string> allowed, string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        var key = Normalise(typed);
        return allowed.FirstOrDefault(a => Normalise(a) == key);
    }

    private static string Normalise(string value) =>
        string.Join(' ', value.Trim().Replace('–', '-').Replace('—', '-').ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
