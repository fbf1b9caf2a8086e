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
}
