using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;

namespace CaseAudit.Tests.Excel;

public sealed record SheetCsv(string Sheet, string Csv);

public sealed class LibreOfficeException(string message) : Exception(message);

// An independent reader for the workbooks we write: if Calc cannot open a file, neither may a
// partner's Excel, and ClosedXML reading back its own output would never notice.
public static class LibreOffice
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    // The CSV filter's options, in order: separator (44 = ','), text delimiter (34 = '"'),
    // charset (76 = UTF-8), first line 1, no column formats, language 0, quoted fields not
    // forced to text, detect special numbers, save cell contents as shown (so a percent comes
    // out as "50%", as a reader sees it), no formulas, keep spaces, and sheet -1: every sheet to
    // its own file, "<name>-<sheet>.csv" (LibreOffice 7.2 and later; a single number exports
    // only that sheet, and without the token only the first sheet is written).
    private const string CsvFilter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1";

    public static async Task<IReadOnlyList<SheetCsv>> ConvertEverySheetToCsvAsync(string xlsxPath)
    {
        var sheets = SheetNames(xlsxPath);
        var work = Directory.CreateTempSubdirectory("caseaudit-soffice-");
        try
        {
            // A fixed name keeps the output names predictable whatever the caller called its file.
            var input = Path.Combine(work.FullName, "book.xlsx");
            File.Copy(xlsxPath, input);
            var output = Directory.CreateDirectory(Path.Combine(work.FullName, "out"));
            var profile = new Uri(Path.Combine(work.FullName, "profile")).AbsoluteUri;

            var log = await RunAsync(["--headless", "--norestore", $"-env:UserInstallation={profile}", "--convert-to", CsvFilter, "--outdir", output.FullName, input]);

            var result = new List<SheetCsv>(sheets.Count);
            foreach (var sheet in sheets)
            {
                var csv = Path.Combine(output.FullName, $"book-{sheet}.csv");
                if (!File.Exists(csv))
                {
                    var written = string.Join(", ", output.EnumerateFiles().Select(f => f.Name));
                    throw new LibreOfficeException(
                        $"LibreOffice wrote no CSV for sheet '{sheet}' of {xlsxPath} (files written: {(written.Length == 0 ? "none" : written)}). soffice said:\n{log}");
                }

                result.Add(new SheetCsv(sheet, await File.ReadAllTextAsync(csv, Encoding.UTF8)));
            }

            return result;
        }
        finally
        {
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A profile file still held by a dying soffice; the temp folder is cleaned anyway.
            }
        }
    }

    private static async Task<string> RunAsync(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo("soffice") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new LibreOfficeException("soffice did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new LibreOfficeException(
                $"soffice is not on PATH ({ex.Message}). Install it with: apt-get install -y --no-install-recommends libreoffice-calc-nogui (./test.sh does this).");
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // soffice is a script that starts soffice.bin: kill the tree, not just the script.
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                throw new LibreOfficeException($"soffice took longer than {Timeout.TotalMinutes:0} minutes and was killed. It said:\n{await stdout}{await stderr}");
            }

            var log = $"{await stdout}{await stderr}".Trim();
            if (process.ExitCode != 0)
            {
                throw new LibreOfficeException($"soffice exited with code {process.ExitCode}. It said:\n{log}");
            }

            return log;
        }
    }

    // From the workbook itself, in tab order, so a sheet LibreOffice silently drops is noticed.
    private static List<string> SheetNames(string xlsxPath)
    {
        using var zip = ZipFile.OpenRead(xlsxPath);
        var entry = zip.GetEntry("xl/workbook.xml") ?? throw new LibreOfficeException($"{xlsxPath} has no xl/workbook.xml: it is not an xlsx workbook.");
        using var stream = entry.Open();
        XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        return XDocument.Load(stream).Descendants(main + "sheet").Select(s => (string?)s.Attribute("name") ?? "").ToList();
    }
}
