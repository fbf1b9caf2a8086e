using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Data;

/// A real data file made by the app: the Development demo (people, agencies, two rounds with
/// cases, returns, concerns, findings and their audit trail), seeded once and closed; each test
/// copies it into its own folder.
public static class DemoDataFile
{
    private static readonly Lazy<string> Seeded = new(() =>
    {
        var file = Path.Combine(Path.GetTempPath(), "caseaudit-tests", "demo-" + Guid.NewGuid().ToString("N"), "caseaudit.db");
        using (var app = new CaseAuditApp(environment: "Development", settings: new() { ["CaseAudit:RequireMfa"] = "false", ["CaseAudit:DataFile"] = file }))
        {
            _ = app.Services.GetRequiredService<CaseAudit.Web.Data.CaseAuditStore>();
        }

        return file;
    });

    /// A fresh copy of the demo's data file in a folder of the test's own.
    public static string CopyInto(string folder)
    {
        Directory.CreateDirectory(folder);
        var copy = Path.Combine(folder, "caseaudit.db");
        File.Copy(Seeded.Value, copy);
        var log = CaseAudit.Web.Data.DataFileCheck.LogFileOf(Seeded.Value);
        if (File.Exists(log))
        {
            File.Copy(log, CaseAudit.Web.Data.DataFileCheck.LogFileOf(copy));
        }

        return copy;
    }

    public static string Hash(string file) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
}
