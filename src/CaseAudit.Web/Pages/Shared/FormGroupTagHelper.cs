using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace CaseAudit.Web.Pages.Shared;

/// `<div class="govuk-form-group" gov-errors-for="Input.Title">` gets the GOV.UK error style
/// when that field has errors; pair it with the _FieldError partial and
/// `aria-describedby="Input_Title-error"` on the control.
[HtmlTargetElement("div", Attributes = "gov-errors-for")]
public sealed class FormGroupTagHelper : TagHelper
{
    [HtmlAttributeName("gov-errors-for")]
    public string Key { get; set; } = "";

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (ViewContext.ModelState.TryGetValue(Key, out var entry) && entry.Errors.Count > 0)
        {
            output.AddClass("govuk-form-group--error", System.Text.Encodings.Web.HtmlEncoder.Default);
        }
    }
}

public static class FieldErrors
{
    /// The aria-describedby value for a control: its hint (if any) and its error (if any).
    public static string? DescribedBy(ViewContext context, string key, string? hintId = null)
    {
        var ids = new List<string>();
        if (hintId is not null)
        {
            ids.Add(hintId);
        }

        if (context.ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0)
        {
            ids.Add(TagBuilder.CreateSanitizedId(key, "_") + "-error");
        }

        return ids.Count == 0 ? null : string.Join(' ', ids);
    }
}
