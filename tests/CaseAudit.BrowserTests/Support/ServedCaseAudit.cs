using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CaseAudit.BrowserTests.Support;

/// The real, built app in its own process on a loopback port, serving a fresh data file in a
/// temp folder: what a browser meets, with nothing of the test host in between.
public sealed class ServedCaseAudit : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private ServedCaseAudit(Process process, Uri address, string folder)
    {
        _process = process;
        Address = address;
        Folder = folder;
    }

    public Uri Address { get; }

    /// The temp folder holding the data file, its keys and exports.
    public string Folder { get; }

    public string DataFile => Path.Combine(Folder, "caseaudit.db");

    public static string RepositoryRoot { get; } = CaseAudit.Web.AppPaths.FindRepositoryRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("Browser tests run inside the CaseAudit repository.");

    /// Every line the app wrote (it logs at Warning and above), for a failing test to show.
    public string Log => string.Join(Environment.NewLine, _log);

    /// What the app logged as an error: an unhandled exception or a failed request.
    public IReadOnlyList<string> ServerErrors => _log.Where(line => line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal)).ToList();

    /// Development: the demo partnership on a new data file, plain http. Production: an empty
    /// data file that opens on /setup, https only (the browser sends the proxy's header).
    public static async Task<ServedCaseAudit> StartAsync(string environment = "Development", IReadOnlyDictionary<string, string>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "caseaudit-browser-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CaseAudit.Web.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        // The test's own output folder holds the built app. Its wwwroot is not copied there: in
        // Development the static web assets manifest finds it in the project, but in Production
        // only a published app has one, so without this every stylesheet and script would go to
        // the fallback policy and be redirected to sign-in.
        start.Environment["ASPNETCORE_CONTENTROOT"] = AppContext.BaseDirectory;
        start.Environment["ASPNETCORE_WEBROOT"] = Path.Combine(RepositoryRoot, "src", "CaseAudit.Web", "wwwroot");
        start.Environment["CaseAudit__DataFile"] = Path.Combine(folder, "caseaudit.db");
        start.Environment["CaseAudit__ExportsFolder"] = Path.Combine(folder, "exports");
        start.Environment["CaseAudit__TemplatesFolder"] = Path.Combine(RepositoryRoot, "audit-templates");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["DOTNET_USE_POLLING_FILE_WATCHER"] = "true";
        start.Environment["DOTNET_hostBuilder__reloadConfigOnChange"] = "false";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        var app = new ServedCaseAudit(process, new Uri($"http://127.0.0.1:{port}"), folder);
        // Drained so a full pipe never blocks the app, and kept for a failing test to show.
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until && !process.HasExited)
        {
            try
            {
                if ((await probe.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Starting: the demo is being seeded.
            }

            await Task.Delay(100);
        }

        var log = app.Log;
        await app.DisposeAsync();
        throw new TimeoutException($"CaseAudit.Web did not answer /health on port {port} within 90 s (exited: {process.HasExited}).{Environment.NewLine}{log}");
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _log.Enqueue(line);
        }
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
        _process.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held a moment after the kill: the temp folder is cleaned later.
        }

        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
