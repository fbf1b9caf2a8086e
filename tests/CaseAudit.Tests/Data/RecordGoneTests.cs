using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Tests.Pages.Rounds;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Data;

/// A round deleted after a page has read it and before the writer runs that page's change (the
/// retention deletion racing a Coordinator's click): the change finds nothing, and the request
/// is answered 404 with the not-found page, not a 500.
public sealed class RecordGoneTests
{
    [Fact]
    public async Task A_move_whose_round_is_deleted_before_the_writer_runs_it_is_answered_not_found()
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Draft(app);
        var coordinator = await app.SignedInAsAsync(Roles.Coordinator);
        var writer = app.Services.GetRequiredService<Writer>();
        var form = (await RoundMoves.ConfirmationAsync(coordinator, round.Id, RoundStatus.Grading)).QuerySelector<IHtmlFormElement>("main form")!;

        // Hold the writer, queue the deletion, then the move behind it: the page's own check
        // still finds the round, because the deletion has not run.
        using var holding = new ManualResetEventSlim();
        using var hold = new ManualResetEventSlim();
        var held = writer.WriteAsync(_ =>
        {
            holding.Set();
            hold.Wait();
        });
        holding.Wait();
        var deleted = writer.WriteAsync(change => change.Store.Rounds.Delete(round.Id));
        var moving = coordinator.SubmitAsync(form);
        // The deletion and the move are both queued behind the held command.
        while (writer.Waiting < 2 && !moving.IsCompleted)
        {
            await Task.Delay(10);
        }

        hold.Set();
        await held;
        Assert.True(await deleted);
        var moved = await moving;

        Assert.Equal(HttpStatusCode.NotFound, moved.StatusCode);
        Assert.Contains("Page not found", (await moved.ReadDocumentAsync()).Title);
        Assert.Empty(app.ServerErrors);
        Assert.Null(app.Services.GetRequiredService<CaseAuditStore>().Rounds.FindById(round.Id));
    }
}
