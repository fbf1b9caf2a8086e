namespace CaseAudit.Web.Pages.Shared;

/// GOV.UK radios (one answer) or checkboxes (several) over a list of options.
public sealed record Choices(string Name, string Legend, IReadOnlyList<(string Value, string Label)> Options, IReadOnlyCollection<string> Selected, bool Multiple)
{
    public string? Hint { get; init; }

    public bool Inline { get; init; }

    public static IReadOnlyList<(string, string)> Plain(IEnumerable<string> values) => values.Select(v => (v, v)).ToList();
}
