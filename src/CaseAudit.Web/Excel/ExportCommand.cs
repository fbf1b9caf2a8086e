using System.Globalization;
using CaseAudit.Web.Data;
using CaseAudit.Web.Rounds;
using CaseAudit.Web.Templates;

namespace CaseAudit.Web.Excel;

/// `export round <round-id> [--coordinator] [--out <file>]`. The data file is opened read-only,
/// so it is safe while the app runs; the export's audit entry goes through AuditInbox. Exit
/// codes: 0 written, 2 a bad argument or id (nothing written), 1 the file could not be written.
public static class ExportCommand
{
    public const string Usage =
        "Usage: export round <round-id> [--coordinator] [--out <file>]\n" +
        "  --coordinator  the Coordinator's copy, with every grading and its evidence (default: the board's copy, no evidence)\n" +
        "  --out <file>   where to write it (default: the exports folder)";

    public static int Run(IReadOnlyList<string> args, AppPaths paths, string partnership, string callerDirectory, TextWriter output, TextWriter errors)
    {
        if (!TryParse(args, out var kind, out var positional, out var coordinator, out var outFile, out var problem))
        {
            errors.WriteLine(problem);
            errors.WriteLine(Usage);
            return 2;
        }

        if (!File.Exists(paths.DataFile))
        {
            errors.WriteLine($"No data file at {paths.DataFile}. Check CaseAudit:DataFile (or the CaseAudit__DataFile environment variable).");
            return 2;
        }

        var clock = TimeProvider.System;
        var actor = new AuditEvent("export", "export", null, $"command line ({Environment.UserName})");
        ExportFile file;
        using (var store = new CaseAuditStore(paths.DataFile, readOnly: true))
        {
            var trail = new AuditTrail(store, clock);
            var templates = new TemplateLibrary(store, trail, clock);
            var findings = new RoundFindingsReader(store, templates);
            switch (kind)
            {
                case "round":
                    var roundId = positional[0];
                    var copy = coordinator ? SummaryCopy.Coordinator : SummaryCopy.Board;
                    if (store.Rounds.FindById(roundId) is not { } round)
                    {
                        errors.WriteLine($"There is no round with id '{roundId}'. Round ids are in the address of a round's page: /rounds/<round-id>.");
                        return 2;
                    }

                    if (!LearningSummaryExport.CanExport(round, copy))
                    {
                        errors.WriteLine($"'{round.Title}' is {round.Status}: the {(coordinator ? "Coordinator's copy is there from the panel stage on" : "board's copy is there once the round is published")}.");
                        return 2;
                    }

                    file = new LearningSummaryExport(new LearningSummaryReader(store, findings), new Partnership(partnership), clock).Write(round, copy, actor);
                    break;
                default:
                    errors.WriteLine($"Unknown export '{kind}'.");
                    errors.WriteLine(Usage);
                    return 2;
            }
        }

        var target = outFile is null ? Path.Combine(paths.ExportsFolder, file.FileName) : Path.GetFullPath(outFile, callerDirectory);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, file.Content);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"Could not write {target}: {e.Message}");
            return 1;
        }

        output.WriteLine($"Wrote {target} ({(file.Content.Length / 1024.0).ToString("0", CultureInfo.InvariantCulture)} KB).");
        output.WriteLine(AuditInbox.Record(paths.DataFile, file.Audit with { After = new { file = Path.GetFileName(target), detail = file.Audit.After } }, clock));
        return 0;
    }

    private static bool TryParse(IReadOnlyList<string> args, out string kind, out List<string> positional, out bool coordinator, out string? outFile, out string problem)
    {
        kind = args.Count > 0 ? args[0] : "";
        positional = [];
        coordinator = false;
        outFile = null;
        problem = "";
        for (var i = 1; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--coordinator":
                    coordinator = true;
                    break;
                case "--out" when i + 1 < args.Count:
                    outFile = args[++i];
                    break;
                case "--out":
                    problem = "--out needs a file name.";
                    return false;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    problem = $"Unknown option '{option}'.";
                    return false;
                default:
                    positional.Add(args[i]);
                    break;
            }
        }

        var needed = kind switch { "round" => 1, "partnership" => 0, "year" => 2, _ => -1 };
        if (needed < 0)
        {
            problem = kind.Length == 0 ? "Say what to export." : $"Unknown export '{kind}'.";
            return false;
        }

        if (positional.Count != needed)
        {
            problem = $"'export {kind}' takes {needed} argument(s), not {positional.Count}.";
            return false;
        }

        return true;
    }
}
