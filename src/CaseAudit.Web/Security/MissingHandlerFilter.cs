using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace CaseAudit.Web.Security;

/// A post naming a handler the page does not have (to a page that only shows something, or
/// with a made-up "?handler=" or {handler} segment) would be rendered by Razor Pages with no
/// handler run: the page model is empty and the view fails with a server error. It is refused
/// with 405 instead. (A read naming an unknown handler already falls back to the page's GET;
/// 404 covers any read that still finds none.)
public sealed class MissingHandlerFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        if (context.HandlerMethod is not null || context.ActionDescriptor.HandlerMethods.Count == 0)
        {
            return;
        }

        var method = context.HttpContext.Request.Method;
        context.Result = new StatusCodeResult(HttpMethods.IsGet(method) || HttpMethods.IsHead(method)
            ? StatusCodes.Status404NotFound
            : StatusCodes.Status405MethodNotAllowed);
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }
}
