using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Email;
using CaseAudit.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Pages;

/// People with email addresses and emails in the queue, for the email pages' tests.
public static class MailPages
{
    public static CaseAuditStore Store(this CaseAuditApp app) => app.Services.GetRequiredService<CaseAuditStore>();

    /// A person made through the app's UserManager, with an email address (or none).
    public static async Task<CaseAuditUser> PersonAsync(this CaseAuditApp app, string userName, string[] roles, string? email, string? agencyId = null)
    {
        var person = await app.CreateUserAsync(userName, roles, agencyId);
        if (email is null)
        {
            return person;
        }

        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CaseAuditUser>>();
        var stored = (await users.FindByIdAsync(person.Id))!;
        stored.Email = email;
        Assert.True((await users.UpdateAsync(stored)).Succeeded);
        return (await users.FindByIdAsync(person.Id))!;
    }

    /// An email put straight into the queue, as a desk or the sender would leave it.
    public static QueuedMail AddMail(this CaseAuditApp app, string id, MailState state, DateTime queuedAt, string? roundId = null,
        EmailKind kind = EmailKind.DeadlineReminder, string to = "pat@example.org", string? outboxFile = null, string? lastError = null)
    {
        var mail = new QueuedMail
        {
            Id = id, Kind = kind, RoundId = roundId, RecipientName = "Pat Auditor", To = to, Subject = $"Subject of {id}",
            Text = $"Dear Pat Auditor,\n\nBody of {id}.\n\nOpen your returns: http://localhost/returns\n", Html = "<p>Body</p>",
            QueuedAt = queuedAt, State = state, Attempts = state == MailState.Queued && lastError is null ? 0 : 1,
            // Far ahead unless sent: the app's own sender must not pick these up while a test looks at them.
            NextAttemptAt = queuedAt.AddYears(1), OutboxFile = outboxFile, LastError = lastError,
            SentAt = state == MailState.Sent ? queuedAt.AddMinutes(1) : null, Via = state == MailState.Sent ? "the outbox" : null,
        };
        app.Store().Mail.Insert(mail);
        return mail;
    }

    /// A genuine antiforgery token for the signed-in client, so a refusal can only be the page's own check.
    public static async Task<string> TokenAsync(this HttpClient client, string page = "/account/change-password") =>
        (await client.GetDocumentAsync(page)).QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value;

    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, string token, params (string Name, string Value)[] fields) =>
        client.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]));

    public static void NotServerError(this HttpResponseMessage response, CaseAuditApp app) =>
        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {string.Join("\n", app.ServerErrors)}");

    public static void IsRedirectTo(this HttpResponseMessage response, string location)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location!.OriginalString);
    }
}
