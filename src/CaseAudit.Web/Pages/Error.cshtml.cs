using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages;

// Shown for unhandled errors (Production) and for error status codes; never shows a stack trace.
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "Sorry, there is a problem with the service";

    public string Advice { get; private set; } = "Try again later. Nothing you had already saved has been lost.";

    // The status is read from the query by hand, not bound: binding a re-executed POST whose form
    // cannot be read (a NUL in a field) fails before any value is bound, and the page then said 500.
    public void OnGet() => Describe();

    public void OnPost() => Describe();

    private void Describe()
    {
        int? status = int.TryParse(Request.Query["status"], out var code) ? code : null;
        (Heading, Advice) = status switch
        {
            404 => ("Page not found", "If you typed the web address, check it is correct. If you pasted it, check you copied the entire address."),
            403 => ("You do not have access to this page", "Ask your partnership's CaseAudit administrator if you think you should."),
            400 => ("Sorry, that request could not be handled", "Go back, check what you entered and try again."),
            429 => ("Too many attempts", "Wait a minute, then try again."),
            _ => (Heading, Advice),
        };
        Response.StatusCode = status is >= 400 and < 600 ? status.Value : StatusCodes.Status500InternalServerError;
    }
}
