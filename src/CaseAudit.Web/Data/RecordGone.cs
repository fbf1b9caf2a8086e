namespace CaseAudit.Web.Data;

/// A command found the record it was to change gone: deleted (a round past its retention
/// period, with its cases, returns and actions) after the page read it and before the writer ran
/// the change. The request is answered as an address that names nothing is, 404, never a 500.
public sealed class RecordGone(string what, string id) : Exception($"No {what} {id}: it is not in the data file (it may have been deleted).")
{
    /// Answers a request whose command met a RecordGone with 404, which the status-code page
    /// then explains. Placed inside that page's middleware so it renders.
    public static void AnswerAsNotFound(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next();
        }
        catch (RecordGone) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    });
}
