using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Shared;

/// ASP.NET keeps model errors in its own key order, not the order of the form. Pages add
/// errors through this so the GOV.UK error summary lists them top to bottom, as the fields are.
public static class ErrorOrder
{
    public const string Key = "ErrorOrder";

    public static void AddError(this PageModel page, string field, string message)
    {
        page.ModelState.AddModelError(field, message);
        if (page.ViewData[Key] is not List<string> order)
        {
            page.ViewData[Key] = order = [];
        }

        if (!order.Contains(field))
        {
            order.Add(field);
        }
    }
}
