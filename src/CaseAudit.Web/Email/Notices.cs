using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Actions;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Identity;

namespace CaseAudit.Web.Email;

/// The emails a change causes at once, queued inside that change by the desk that makes it
/// (so they commit with it). The reminders that the clock causes are Reminders'.
public sealed class Notices(Letters letters)
{
    /// For the demo, whose year-long story is told in a moment: its past is not emailed.
    public static Notices Silent { get; } = new(new Letters(MailSettings.DefaultSiteUrl)) { _silent = true };

    private bool _silent;

    /// Grading has started: each agency's auditors hear how many returns they have and when
    /// they are due.
    public void GradingStarted(Change change, Round round, DateTime startedAt)
    {
        if (_silent)
        {
            return;
        }

        foreach (var agencyId in round.AgencyIds)
        {
            var open = change.Store.Returns.Count(r => r.RoundId == round.Id && r.AgencyId == agencyId && r.Status != ReturnStatus.Submitted);
            if (open == 0)
            {
                continue;
            }

            var letter = letters.ReturnsToGrade(round, AgencyName(change.Store, agencyId), open);
            foreach (var auditor in MailQueue.People(change.Store, Roles.Auditor, agencyId))
            {
                MailQueue.Queue(change, $"returns-to-grade:{round.Id}:{startedAt.Ticks}", EmailKind.ReturnsToGrade, auditor, round.Id, letter);
            }
        }
    }

    /// Every Coordinator hears of an immediate safeguarding concern at once.
    public void ConcernRaised(Change change, SafeguardingConcern concern, string caseReference)
    {
        if (_silent || change.Store.Rounds.FindById(concern.RoundId) is not { } round)
        {
            return;
        }

        var letter = letters.ConcernAlert(round, concern, caseReference, AgencyName(change.Store, concern.AgencyId));
        foreach (var coordinator in MailQueue.People(change.Store, Roles.Coordinator))
        {
            MailQueue.Queue(change, $"concern:{concern.Id}", EmailKind.ConcernAlert, coordinator, round.Id, letter);
        }
    }

    public void RoundPublished(Change change, Round round, DateTime publishedAt, string? publishedWith)
    {
        if (_silent)
        {
            return;
        }

        var letter = letters.RoundPublished(round, publishedWith);
        foreach (var member in MailQueue.People(change.Store, Roles.Board))
        {
            MailQueue.Queue(change, $"published:{round.Id}:{publishedAt.Ticks}", EmailKind.RoundPublished, member, round.Id, letter);
        }
    }

    public void CaseActionAssigned(Change change, Round round, CaseAction action, string caseReference)
    {
        if (_silent)
        {
            return;
        }

        var letter = letters.CaseActionAssigned(round, action, caseReference, AgencyName(change.Store, action.AgencyId));
        foreach (var auditor in MailQueue.People(change.Store, Roles.Auditor, action.AgencyId))
        {
            MailQueue.Queue(change, $"case-action:{action.Id}", EmailKind.CaseActionAssigned, auditor, round.Id, letter);
        }
    }

    internal static string AgencyName(CaseAuditStore store, string agencyId) =>
        store.Agencies.FindById(agencyId) is { } agency ? (agency.Name.Length > 0 ? agency.Name : agency.ShortName) : agencyId;
}
