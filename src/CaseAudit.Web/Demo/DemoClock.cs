namespace CaseAudit.Web.Demo;

/// The seeding writer's clock. The demo tells a year's story (a round graded, moderated and
/// published last winter, its action plan updated every few weeks since), and the desks stamp
/// every change with the writer's time (change.Now). So instead of writing documents with made-up
/// dates, or editing stored dates afterwards, the demo is seeded through a writer of its own
/// whose clock is set back to the moment of each step and only ever moves forward: every date
/// the pages show, and every audit entry, was written by the desk that owns it, in order, and the
/// hash chain is the ordinary one. The app's own writer and clock are never touched.
public sealed class DemoClock(TimeProvider real) : TimeProvider
{
    private DateTime _now = DateTime.MinValue;

    public override DateTimeOffset GetUtcNow() => new(_now, TimeSpan.Zero);

    public void Set(DateTime at)
    {
        if (at < _now)
        {
            throw new InvalidOperationException($"The demo's clock only moves forward: {at:O} is before {_now:O}.");
        }

        // A step dated after now would leave the app's first real change earlier than the demo's.
        if (at > real.GetUtcNow().UtcDateTime)
        {
            throw new InvalidOperationException($"A demo step is dated {at:O}, after now: check the weeks in demo-partnership.yaml.");
        }

        _now = DateTime.SpecifyKind(at, DateTimeKind.Utc);
    }
}
