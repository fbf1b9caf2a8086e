namespace CaseAudit.Web.Pages.Shared;

public sealed record NavItem(string Href, string Text, bool Current);
