namespace CaseAudit.Web.Pages.Shared;

/// What the _TextInput partial needs. Password values are never written back into the page.
public sealed record TextInput(string Name, string Label, string? Value = null, string Type = "text")
{
    public string? Hint { get; init; }

    public string? Autocomplete { get; init; }

    public string? LabelClass { get; init; }

    public int? Width { get; init; }

    public string? InputMode { get; init; }
}
