using CaseAudit.Web.Data;
using CaseAudit.Web.Excel;
using CaseAudit.Web.Operations;
using CaseAudit.Web.Templates;

namespace CaseAudit.Web;

/// The commands `dotnet run --project src/CaseAudit.Web -- <command>` runs instead of the app.
/// Each opens the data file read-only (or leaves its audit entry, or its backup request, for the
/// running app), so all are safe while the app runs; restore refuses while the app runs.
public static class CommandLine
{
    /// The exit code of the command the arguments name, or null when they name none (start the app).
    public static async Task<int?> RunAsync(string[] args)
    {
        if (args is not [var command, ..] || command.StartsWith('-'))
        {
            return null;
        }

        var cli = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        var paths = AppPaths.From(cli.Configuration, cli.Environment.ContentRootPath);
        // `dotnet run --project src/CaseAudit.Web` runs in the project folder; PWD still holds
        // the folder the command was typed in, which is what relative paths mean to the user.
        var callerDirectory = Environment.GetEnvironmentVariable("PWD") is { } pwd && Directory.Exists(pwd) ? pwd : Environment.CurrentDirectory;
        try
        {
            return await RunAsync(args, paths, cli, callerDirectory);
        }
        catch (DataFileRefusedException e)
        {
            // A damaged file, or one from a newer release: the reason, not a stack trace.
            Console.Error.WriteLine(e.Message);
            return e.ExitCode;
        }
    }

    private static async Task<int> RunAsync(string[] args, AppPaths paths, WebApplicationBuilder cli, string callerDirectory)
    {
        switch (args)
        {
            case ["templates", "validate", .. var templatePaths]:
                return ValidateTemplatesCommand.Run(templatePaths, callerDirectory, paths.DataFile, Console.Out);
            case ["audit", "verify"]:
                return AuditVerifyCommand.Run(paths.DataFile, Console.Out);
            case ["audit", "verify", "--expect", var expect]:
                return AuditVerifyCommand.Run(paths.DataFile, Console.Out, Path.GetFullPath(expect, callerDirectory));
            case ["backup", .. var backupArgs]:
                return await BackupCommands.BackupAsync(backupArgs, paths.DataFile, BackupSettings.From(cli.Configuration, paths, cli.Environment.IsProduction()), callerDirectory, Console.Out, Console.Error);
            case ["restore", .. var restoreArgs]:
                return BackupCommands.Restore(restoreArgs, paths.DataFile, callerDirectory, Console.Out, Console.Error);
            case ["export", .. var exportArgs]:
                return await ExportCommand.RunAsync(exportArgs, paths, Partnership.From(cli.Configuration).Name, callerDirectory, Console.Out, Console.Error);
            default:
                Console.Error.WriteLine($"Unknown command '{string.Join(' ', args)}'. Commands: templates validate <file-or-folder>..., audit verify [--expect <backup>.json], export round|partnership|year ..., backup [--out <file>], restore <backup> [--data-file <file>]");
                return 2;
        }
    }
}
