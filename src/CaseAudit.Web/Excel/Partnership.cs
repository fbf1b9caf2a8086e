namespace CaseAudit.Web.Excel;

/// The partnership this installation serves, named as the author of every workbook it exports.
public sealed record Partnership(string Name)
{
    public const string Default = "Safeguarding children partnership";

    public static Partnership From(IConfiguration configuration) =>
        new(configuration["CaseAudit:Partnership"] is { Length: > 0 } name ? name.Trim() : Default);
}
