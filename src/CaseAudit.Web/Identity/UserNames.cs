namespace CaseAudit.Web.Identity;

/// What a sign-in name may be, in one place for setup and the Admin pages. Spaces around it are
/// allowed as typed and trimmed before saving.
public static class UserNames
{
    public const string Pattern = @"^\s*[A-Za-z0-9._@-]{3,64}\s*$";

    public const string Rule = "User name must be 3 to 64 letters, digits, dots, hyphens, underscores or @";
}
