namespace CaseAudit.Web;

/// Where CaseAudit keeps its files. `dotnet run --project src/CaseAudit.Web` starts the process
/// in the project folder, so defaults are resolved against the repository root (the folder
/// holding CaseAudit.sln), not the working directory; a published copy without the solution
/// uses its content root instead.
public sealed record AppPaths(string Root, string DataFile, string TemplatesFolder, string ExportsFolder)
{
    public static AppPaths From(IConfiguration configuration, string contentRoot)
    {
        var root = FindRepositoryRoot(contentRoot) ?? FindRepositoryRoot(AppContext.BaseDirectory) ?? contentRoot;
        string Resolve(string key, string fallback) =>
            Path.GetFullPath(configuration[$"CaseAudit:{key}"] is { Length: > 0 } configured ? configured : fallback, root);

        return new AppPaths(
            root,
            Resolve("DataFile", "data/caseaudit.db"),
            Resolve("TemplatesFolder", "audit-templates"),
            Resolve("ExportsFolder", "exports"));
    }

    public static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CaseAudit.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
