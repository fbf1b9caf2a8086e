using System.Text;
using CaseAudit.Web.Domain.Templates;

namespace CaseAudit.Web.Templates;

public sealed record TemplateFile(string Path, string DisplayName, string Text, TemplateReadResult Read);

public sealed record TemplateFileSet(IReadOnlyList<TemplateFile> Files, IReadOnlyList<TemplateProblem> Problems)
{
    public IEnumerable<TemplateFile> Valid => Files.Where(f => f.Read.IsValid);

    public int FilesWithProblems => Problems.Select(p => p.File).Distinct().Count();
}

/// Reads the template files named on a command line or in a folder and checks them
/// together: each file alone, then that no two files claim the same template id and version.
public static class TemplateFiles
{
    public static TemplateFileSet Read(IEnumerable<string> paths, string baseDirectory)
    {
        var reads = new List<TemplateFile>();
        var problems = new List<TemplateProblem>();
        foreach (var given in paths)
        {
            var full = Path.GetFullPath(given, baseDirectory);
            if (Directory.Exists(full))
            {
                var files = Directory.EnumerateFiles(full)
                    .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (files.Count == 0)
                {
                    problems.Add(new TemplateProblem(given, 1, 1, "no template files (*.yaml, *.yml) in this folder"));
                }

                foreach (var file in files)
                {
                    reads.Add(ReadOne(file, Path.Join(given, Path.GetFileName(file))));
                }
            }
            else if (File.Exists(full))
            {
                reads.Add(ReadOne(full, given));
            }
            else
            {
                problems.Add(new TemplateProblem(given, 1, 1, "no such file or folder"));
            }
        }

        problems.AddRange(reads.SelectMany(r => r.Read.Problems));
        problems.AddRange(DuplicateVersions(reads));
        return new TemplateFileSet(reads, problems);
    }

    private static TemplateFile ReadOne(string path, string displayName)
    {
        var read = TemplateReader.ReadFile(path, displayName);
        var text = read.IsValid ? Encoding.UTF8.GetString(File.ReadAllBytes(path)).TrimStart('\uFEFF') : "";
        return new TemplateFile(path, displayName, text, read);
    }

    private static IEnumerable<TemplateProblem> DuplicateVersions(List<TemplateFile> reads) =>
        reads.Where(r => r.Read.IsValid)
            .GroupBy(r => (r.Read.Template!.Id, r.Read.Template.Version))
            .Where(g => g.Count() > 1)
            .SelectMany(g => g.Skip(1).Select(r => new TemplateProblem(r.DisplayName, r.Read.VersionLine, r.Read.VersionColumn,
                $"template '{g.Key.Id}' version {g.Key.Version} is also defined in {g.First().DisplayName}; give each version one file"
                + (g.Select(x => TemplateVersion.Fingerprint(x.Read.Template!)).Distinct().Count() > 1 ? ", and bump the version when the content changes" : ""))));
}
