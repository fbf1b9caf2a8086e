namespace CaseAudit.Web.Domain.Templates;

/// A published version is immutable: the same id and version must always mean the same
/// questions, because rounds point at the exact version they were graded against.
public static class TemplateVersionRule
{
    public static TemplateProblem? CheckAgainstPublished(TemplateReadResult read, string? publishedFingerprint, string file)
    {
        if (read.Template is not { } template || publishedFingerprint is null
            || publishedFingerprint == TemplateVersion.Fingerprint(template))
        {
            return null;
        }

        return new TemplateProblem(file, Math.Max(1, read.VersionLine), Math.Max(1, read.VersionColumn),
            $"template '{template.Id}' version {template.Version} is already published with different content; bump the version (a published version never changes)");
    }
}
