using System.Globalization;
using CaseAudit.Web.Data;
using CaseAudit.Web.Rounds;
using CaseAudit.Web.Templates;

namespace CaseAudit.Web.Excel;

/// `export round|partnership|year ...` on the command line. The data file is opened read-only,
/// so it is safe while the app runs; each export's audit entry goes through AuditInbox. Exit
/// codes: 0 written, 2 a bad argument, id or date (nothing written), 1 the file could not be written.
public static class ExportCommand
{
    public const string Usage =
        "Usage:\n" +
        "  export round <round-id> [--coordinator] [--out <file>]   one round's learning-summary workbook\n" +
        "  export partnership [--coordinator] [--out <file>]        every published round's gradings, for analysts\n" +
        "  export year <from> <to> [--out <file>]                   the year summary for rounds published from <from> to <to> (yyyy-mm-dd)\n" +
        "  --coordinator  the Coordinator's copy, with auditors' evidence (default: the copy without evidence)\n" +
        "  --out <file>   where to write it (default: the exports folder)";

    private sealed record Arguments(string Kind, IReadOnlyList<string> Positional, bool Coordinator, string? OutFile);

    public static async Task<int> RunAsync(IReadOnlyList<string> args, AppPaths paths, string partnership, string callerDirectory, TextWriter output, TextWriter errors)
    {
        if (Parse(args, out var problem) is not { } a)
        {
            errors.WriteLine(problem);
            errors.WriteLine(Usage);
            return 2;
        }

        DateOnly from = default, to = default;
        if (a.Kind == "year" && !(TryDate(a.Positional[0], "<from>", errors, out from) && TryDate(a.Positional[1], "<to>", errors, out to)))
        {
            return 2;
        }

        if (a.Kind == "year" && from > to)
        {
            errors.WriteLine($"<from> ({from:yyyy-MM-dd}) is after <to> ({to:yyyy-MM-dd}).");
            return 2;
        }

        if (!File.Exists(paths.DataFile))
        {
            errors.WriteLine($"No data file at {paths.DataFile}. Check CaseAudit:DataFile (or the CaseAudit__DataFile environment variable).");
            return 2;
        }

        var clock = TimeProvider.System;
        var today = UkTime.Day(clock.GetUtcNow().UtcDateTime);
        var actor = new Actor(null, $"command line ({Environment.UserName})");
        string? target = null;
        AuditEvent audit;
        try
        {
            using var store = new CaseAuditStore(paths.DataFile, readOnly: true);
            // Read-only: the library only reads here, and the export's audit entry goes by the inbox.
            using var writer = new Writer(store, clock);
            var templates = new TemplateLibrary(store, writer);
            string Target(string fileName) => target = a.OutFile is null ? Path.Combine(paths.ExportsFolder, fileName) : Path.GetFullPath(a.OutFile, callerDirectory);
            switch (a.Kind)
            {
                case "round":
                    var copy = a.Coordinator ? SummaryCopy.Coordinator : SummaryCopy.Board;
                    if (store.Rounds.FindById(a.Positional[0]) is not { } round)
                    {
                        errors.WriteLine($"There is no round with id '{a.Positional[0]}'. Round ids are in the address of a round's page: /rounds/<round-id>.");
                        return 2;
                    }

                    if (!LearningSummaryExport.CanExport(round, copy))
                    {
                        errors.WriteLine($"'{round.Title}' is {round.Status}: the {(a.Coordinator ? "Coordinator's copy is there from the panel stage on" : "board's copy is there once the round is published")}.");
                        return 2;
                    }

                    var summary = new LearningSummaryExport(new LearningSummaryReader(store, new RoundFindingsReader(store, templates)), new Partnership(partnership), clock)
                        .Write(round, copy, actor);
                    Write(Target(summary.FileName), summary.Content);
                    audit = summary.Audit;
                    break;
                case "partnership":
                    var fileName = PartnershipExport.FileName(a.Coordinator, today);
                    Directory.CreateDirectory(Path.GetDirectoryName(Target(fileName))!);
                    int rows;
                    await using (var file = new FileStream(target!, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
                    {
                        rows = await PartnershipExport.WriteAsync(store, templates, a.Coordinator, partnership, file);
                    }

                    audit = PartnershipExport.Audit(actor, a.Coordinator, fileName, rows);
                    break;
                default:
                    var year = new YearSummaryExport(store, templates, new Partnership(partnership), clock).Write(from, to, actor);
                    Write(Target(year.FileName), year.Content);
                    audit = year.Audit;
                    break;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"Could not write {target ?? "the export"}: {e.Message}");
            return 1;
        }

        output.WriteLine($"Wrote {target} ({(new FileInfo(target!).Length / 1024.0).ToString("0", CultureInfo.InvariantCulture)} KB).");
        output.WriteLine(AuditInbox.Record(paths.DataFile, audit with { Summary = audit.Summary + $", written to {Path.GetFileName(target)} on the command line" }, clock));
        return 0;
    }

    private static void Write(string target, byte[] content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllBytes(target, content);
    }

    private static bool TryDate(string text, string name, TextWriter errors, out DateOnly date)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }

        errors.WriteLine($"{name} '{text}' is not a date: write it as yyyy-mm-dd, e.g. 2026-04-01.");
        return false;
    }

    private static Arguments? Parse(IReadOnlyList<string> args, out string problem)
    {
        var kind = args.Count > 0 ? args[0] : "";
        var positional = new List<string>();
        var coordinator = false;
        string? outFile = null;
        problem = "";
        for (var i = 1; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--coordinator" when kind != "year":
                    coordinator = true;
                    break;
                case "--out" when i + 1 < args.Count:
                    outFile = args[++i];
                    break;
                case "--out":
                    problem = "--out needs a file name.";
                    return null;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    problem = $"Unknown option '{option}' for 'export {kind}'.";
                    return null;
                default:
                    positional.Add(args[i]);
                    break;
            }
        }

        var needed = kind switch { "round" => 1, "partnership" => 0, "year" => 2, _ => -1 };
        if (needed < 0)
        {
            problem = kind.Length == 0 ? "Say what to export." : $"Unknown export '{kind}'.";
            return null;
        }

        if (positional.Count != needed)
        {
            problem = $"'export {kind}' takes {needed} argument(s), not {positional.Count}.";
            return null;
        }

        return new Arguments(kind, positional, coordinator, outFile);
    }
}
