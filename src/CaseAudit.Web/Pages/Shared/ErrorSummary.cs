using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace CaseAudit.Web.Pages.Shared;

/// The GOV.UK error summary, listing errors in the order their fields appear on the page.
/// It is placed above the form but written out only when the whole page has rendered: Razor
/// buffers a page's output and writes this object last, by which time every field's
/// `FieldErrors.Message` has recorded where it stands. (ModelState's own order is by key,
/// not by the form, so "Title" would come after "Deadline".)
public sealed class ErrorSummary(ViewContext context) : IHtmlContent
{
    private const string FieldOrderKey = "CaseAudit.FieldOrder";

    public static void Rendered(ViewContext context, string key)
    {
        if (context.HttpContext.Items[FieldOrderKey] is not List<string> order)
        {
            context.HttpContext.Items[FieldOrderKey] = order = [];
        }

        order.Add(key);
    }

    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        // Fields the page rendered come in page order; errors for anything else (a whole-form
        // message, a field the page does not show) keep the order the page added them in.
        var rendered = context.HttpContext.Items[FieldOrderKey] as List<string> ?? [];
        var added = context.ViewData[ErrorOrder.Key] as List<string> ?? [];
        var errors = context.ModelState
            .Where(e => e.Value is { Errors.Count: > 0 })
            .OrderBy(e => e.Key.Length == 0 ? -1 : rendered.IndexOf(e.Key) is var at && at >= 0 ? at : int.MaxValue)
            .ThenBy(e => added.IndexOf(e.Key) is var at && at >= 0 ? at : int.MaxValue)
            .SelectMany(e => e.Value!.Errors.Select(error => (e.Key, error.ErrorMessage)))
            .ToList();
        if (errors.Count == 0)
        {
            return;
        }

        writer.Write("<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\"><div role=\"alert\"><h2 class=\"govuk-error-summary__title\">There is a problem</h2><div class=\"govuk-error-summary__body\"><ul class=\"govuk-list govuk-error-summary__list\">");
        foreach (var (key, message) in errors)
        {
            writer.Write("<li>");
            if (key.Length > 0)
            {
                writer.Write("<a href=\"#");
                encoder.Encode(writer, TagBuilder.CreateSanitizedId(key, "_"));
                writer.Write("\">");
                encoder.Encode(writer, message);
                writer.Write("</a>");
            }
            else
            {
                encoder.Encode(writer, message);
            }

            writer.Write("</li>");
        }

        writer.Write("</ul></div></div></div>");
    }
}
