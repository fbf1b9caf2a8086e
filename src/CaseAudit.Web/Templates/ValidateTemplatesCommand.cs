using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Templates;
using Humanizer;

namespace CaseAudit.Web.Templates;

/// `templates validate <file-or-folder>...`: for CI and for a QA lead editing templates.
/// Exit code 0 when every file is valid, 1 when any problem is found, 2 on a usage error.
public static class ValidateTemplatesCommand
{
    public static int Run(IReadOnlyList<string> paths, string baseDirectory, string? dataFile, TextWriter output)
    {
        if (paths.Count == 0)
        {
            output.WriteLine("usage: templates validate <file-or-folder>...");
            return 2;
        }

        var files = TemplateFiles.Read(paths, baseDirectory);
        var problems = files.Problems.ToList();
        problems.AddRange(CheckAgainstDataFile(files, dataFile, output));

        foreach (var problem in problems)
        {
            output.WriteLine(problem);
        }

        var invalid = problems.Select(p => p.File).Distinct().Count();
        var checkedCount = Math.Max(files.Files.Count, invalid);
        output.WriteLine(invalid == 0
            ? $"{"template file".ToQuantity(checkedCount)} checked: all valid."
            : $"{"template file".ToQuantity(checkedCount)} checked: {invalid} invalid, {"problem".ToQuantity(problems.Count)}.");
        return invalid == 0 ? 0 : 1;
    }

    // Versions already published in the data file must not change. The running app may hold
    // the file open, so it is opened read-only (LiteDB loses writes with two writers).
    private static IEnumerable<TemplateProblem> CheckAgainstDataFile(TemplateFileSet files, string? dataFile, TextWriter output)
    {
        if (dataFile is null || !File.Exists(dataFile))
        {
            return [];
        }

        try
        {
            using var store = new CaseAuditStore(dataFile, readOnly: true);
            return files.Valid
                .Select(f => TemplateVersionRule.CheckAgainstPublished(
                    f.Read,
                    store.TemplateVersions.FindById(StoredTemplateVersion.KeyOf(f.Read.Template!.Id, f.Read.Template.Version))?.Fingerprint,
                    f.DisplayName))
                .OfType<TemplateProblem>()
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or LiteDB.LiteException)
        {
            output.WriteLine($"note: could not read {dataFile} to compare with published versions ({ex.Message}); files were checked on their own.");
            return [];
        }
    }
}
