using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;

namespace CaseAudit.Web.Rounds;

/// The learning points the Coordinator writes from a round's findings. They can change until
/// the round is published; the round's status is read inside the writer, so a point cannot
/// slip in after publishing.
public sealed class LearningDesk(Writer writer)
{
    public const string Published = "The round has been published, so its learning points can no longer change.";

    public static bool Editable(RoundStatus status) => status is not (RoundStatus.Published or RoundStatus.Closed);

    public Task<string?> AddAsync(LearningPoint point, Actor by) => writer.WriteAsync<string?>(change =>
    {
        var round = change.Store.Rounds.FindById(point.RoundId) ?? throw new RecordGone("round", point.RoundId);
        if (!Editable(round.Status))
        {
            return Published;
        }

        point.RecordedAt = change.Now;
        point.RecordedBy = by.Name;
        change.Store.LearningPoints.Insert(point);
        change.Audit(by.Did(
            type: "learning.added",
            summary: $"{LearningPoint.KindLabel(point.Kind)} recorded for '{round.Title}'",
            subject: RoundPlanner.Subject(round),
            after: new { point.Kind, point.Text, point.QuestionIds, point.CaseIds }));
        return null;
    });

    /// Removing a point already removed is not an error: it is gone either way.
    public Task<string?> RemoveAsync(string roundId, string pointId, Actor by) => writer.WriteAsync<string?>(change =>
    {
        var round = change.Store.Rounds.FindById(roundId) ?? throw new RecordGone("round", roundId);
        if (!Editable(round.Status))
        {
            return Published;
        }

        if (change.Store.LearningPoints.FindById(pointId) is not { } point || point.RoundId != roundId)
        {
            return null;
        }

        change.Store.LearningPoints.Delete(pointId);
        change.Audit(by.Did(
            type: "learning.removed",
            summary: $"Learning point removed from '{round.Title}'",
            subject: RoundPlanner.Subject(round),
            before: new { point.Kind, point.Text }));
        return null;
    });
}
