using System.Text;
using CaseAudit.Web.Pages.Shared;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace CaseAudit.Web.Security;

/// Marks a page whose form carries a file, with the largest file it accepts. A post far over
/// that is not refused by the server with a bare 413 and a dropped connection: the file is read
/// and thrown away, the form's other fields are kept, and the page shows its own message.
[AttributeUsage(AttributeTargets.Class)]
public sealed class UploadLimitAttribute(long fileBytes) : Attribute
{
    public long FileBytes { get; } = fileBytes;

    /// Room for the form's other fields and the multipart framing: a file a little over the
    /// limit still goes the normal way and gets the domain's own check.
    public long RequestBytes => FileBytes + UploadLimit.FieldBytes;
}

public static class UploadLimit
{
    public const int FieldBytes = 64 * 1024;

    /// Bodies up to this are read to the end so the browser is sure to see the page; past it the
    /// server answers 413 at once and closes the connection (a browser may then show its own error).
    public const long DrainBytes = 100 * 1024 * 1024;

    private static readonly object TooLargeKey = new();

    public static IApplicationBuilder UseUploadLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<UploadLimitAttribute>();
        if (limit is null || !HttpMethods.IsPost(context.Request.Method))
        {
            await next(context);
            return;
        }

        var length = context.Request.ContentLength;
        if (length is null || length <= limit.RequestBytes || !context.Request.HasFormContentType)
        {
            // A body sent without a length is held to the limit as it arrives.
            AllowBody(context, limit.RequestBytes);
            await next(context);
            return;
        }

        if (length > DrainBytes || !MultipartBoundary(context.Request.ContentType, out var boundary))
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        AllowBody(context, DrainBytes);
        Dictionary<string, StringValues> fields;
        try
        {
            fields = await FieldsWithoutFilesAsync(context.Request.Body, boundary, context.RequestAborted);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        // The antiforgery check and model binding then read these fields as the form.
        context.Features.Set<IFormFeature>(new FormFeature(new FormCollection(fields)));
        context.Items[TooLargeKey] = limit;
        await next(context);
    });

    /// True when this post's file was over the page's limit and was dropped: the field gets the
    /// message and the page answers 413, keeping everything else the person entered.
    public static bool UploadTooLarge(this PageModel page, string field, string message)
    {
        if (!page.HttpContext.Items.ContainsKey(TooLargeKey))
        {
            return false;
        }

        page.AddError(field, message);
        page.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return true;
    }

    // Kestrel's own limit (30 MB by default) would otherwise end the request first. The test
    // server has no such limit, hence no feature.
    private static void AllowBody(HttpContext context, long bytes)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
        {
            body.MaxRequestBodySize = bytes;
        }
    }

    private static bool MultipartBoundary(string? contentType, out string boundary)
    {
        boundary = "";
        if (!MediaTypeHeaderValue.TryParse(contentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        boundary = HeaderUtilities.RemoveQuotes(type.Boundary).ToString();
        return boundary.Length is > 0 and <= 70;
    }

    private static async Task<Dictionary<string, StringValues>> FieldsWithoutFilesAsync(Stream body, string boundary, CancellationToken cancel)
    {
        var reader = new MultipartReader(boundary, body);
        var fields = new KeyValueAccumulator();
        var kept = 0L;
        while (await reader.ReadNextSectionAsync(cancel) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFormDisposition())
            {
                await section.Body.CopyToAsync(Stream.Null, cancel);
                continue;
            }

            if (disposition.IsFileDisposition())
            {
                await section.Body.CopyToAsync(Stream.Null, cancel);
                continue;
            }

            using var content = new MemoryStream();
            await CopyAtMostAsync(section.Body, content, FieldBytes - kept + 1, cancel);
            if (kept + content.Length > FieldBytes)
            {
                await section.Body.CopyToAsync(Stream.Null, cancel);
                continue;
            }

            kept += content.Length;
            fields.Append(HeaderUtilities.RemoveQuotes(disposition.Name).ToString(), Encoding.UTF8.GetString(content.GetBuffer(), 0, (int)content.Length));
        }

        return fields.GetResults();
    }

    private static async Task CopyAtMostAsync(Stream from, Stream to, long limit, CancellationToken cancel)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while (to.Length < limit && (read = await from.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - to.Length)), cancel)) > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, read), cancel);
        }
    }
}
