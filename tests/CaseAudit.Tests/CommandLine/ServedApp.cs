using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CaseAudit.Tests.CommandLine;

/// The real, built app serving a data file from its own process on a loopback port, for what
/// only a separate process shows: what is left on disk when it is killed.
public sealed class ServedApp : IDisposable
{
    private readonly Process _process;

    private ServedApp(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _log = new();

    /// What the app wrote (warnings and errors: it logs at Warning), newest last.
    public string Log => string.Join(Environment.NewLine, _log);

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _log.Enqueue(line);
        while (_log.Count > 200 && _log.TryDequeue(out _))
        {
        }
    }

    /// Development, so plain http is allowed and two-factor can be off for the test's people.
    public static async Task<ServedApp> StartAsync(string dataFile)
    {
        var port = FreePort();
        var folder = Path.GetDirectoryName(dataFile)!;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CaseAudit.Web.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["CaseAudit__DataFile"] = dataFile;
        start.Environment["CaseAudit__ExportsFolder"] = Path.Combine(folder, "exports");
        start.Environment["CaseAudit__TemplatesFolder"] = CaseAuditApp.ShippedTemplates;
        start.Environment["CaseAudit__RequireMfa"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["DOTNET_USE_POLLING_FILE_WATCHER"] = "true";
        start.Environment["DOTNET_hostBuilder__reloadConfigOnChange"] = "false";
        var process = Process.Start(start)!;
        var app = new ServedApp(process, new Uri($"http://127.0.0.1:{port}"));
        // Drained so a full pipe never blocks the app, and kept for a failing test to show.
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddSeconds(60);
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

            await Task.Delay(100);
        }

        app.Dispose();
        throw new TimeoutException($"CaseAudit.Web did not answer /health on port {port} within 60 s (exited: {process.HasExited}).");
    }

    /// SIGKILL on Linux: no shutdown code runs, nothing is flushed or closed.
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
