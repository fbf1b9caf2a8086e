using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Domain.Rounds;

namespace CaseAudit.Tests.Pages.Rounds;

/// A Coordinator's move as a browser makes it: the round page's button opens the move's
/// confirmation page, and its form is submitted.
public static class RoundMoves
{
    public static async Task<IHtmlDocument> ConfirmationAsync(HttpClient client, string roundId, RoundStatus to)
    {
        var round = await client.GetDocumentAsync($"/rounds/{roundId}");
        var link = round.QuerySelectorAll("#moves a").Single(a => a.GetAttribute("href")!.EndsWith($"/move?to={to}", StringComparison.Ordinal));
        return await client.GetDocumentAsync(link.GetAttribute("href")!);
    }

    public static async Task<HttpResponseMessage> MoveAsync(HttpClient client, string roundId, RoundStatus to, Dictionary<string, string>? values = null)
    {
        var page = await ConfirmationAsync(client, roundId, to);
        return await client.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, values ?? []);
    }

    /// The tick and the reason publishing unfinished work asks for.
    public static Dictionary<string, string> Knowingly(string reason = "The board meets on Monday and needs the findings so far.") =>
        new() { ["Understood"] = "true", ["Reason"] = reason };
}
