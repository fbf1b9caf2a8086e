using CaseAudit.Web.Domain.Rounds;

namespace CaseAudit.Web.Pages.Rounds;

/// GOV.UK tag colours for round and return statuses, used wherever a status is shown.
public static class StatusTag
{
    public static string For(RoundStatus status) => status switch
    {
        RoundStatus.Draft => "govuk-tag--grey",
        RoundStatus.Grading => "govuk-tag--blue",
        RoundStatus.Panel => "govuk-tag--purple",
        RoundStatus.Published => "govuk-tag--green",
        _ => "govuk-tag--grey",
    };

    public static string For(ReturnStatus status) => status switch
    {
        ReturnStatus.NotStarted => "govuk-tag--grey",
        ReturnStatus.InProgress => "govuk-tag--light-blue",
        _ => "govuk-tag--green",
    };

    public static string Text(ReturnStatus status) => status switch
    {
        ReturnStatus.NotStarted => "Not started",
        ReturnStatus.InProgress => "In progress",
        _ => "Completed",
    };

    /// A return as its round's stage makes it: once grading has closed, a draft or untouched
    /// return is locked and left out of the findings, so it reads "Not submitted".
    public static bool Locked(ReturnStatus status, RoundStatus round) => status != ReturnStatus.Submitted && round >= RoundStatus.Panel;

    public static string For(ReturnStatus status, RoundStatus round) => Locked(status, round) ? "govuk-tag--orange" : For(status);

    public static string Text(ReturnStatus status, RoundStatus round) => Locked(status, round) ? "Not submitted" : Text(status);
}
