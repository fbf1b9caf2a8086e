using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace CaseAudit.Benchmarks;

// The real app, started as `dotnet CaseAudit.Web.dll` in a child process on 127.0.0.1, as
// `dotnet run` would start it (Development, so plain http and the demo). A child process, not
// WebApplication in this one: the app runs with its own runtime settings (server GC, as the web
// SDK ships it; this harness runs workstation GC for BenchmarkDotNet), only one process may hold
// a data file, and the clients' allocations and GC pauses stay out of the server's. Both still
// share the machine's cores, which the report says.
public sealed partial class ServedApp : IAsyncDisposable
{
    private readonly Queue<string> _lastLines = new();
    private Process _process = null!;

    private ServedApp(Uri address, Stopwatch started)
    {
        Address = address;
        Started = started;
    }

    public Uri Address { get; }

    // From just before the process was started.
    public Stopwatch Started { get; }

    // The app's build output beside this harness (the benchmark project references it, so it is
    // built with the same configuration); the project folder is its content root, as for `dotnet run`.
    public static string AppDll => Path.Combine(AppContext.BaseDirectory, "CaseAudit.Web.dll");

    public static string ProjectFolder => Path.Combine(Harness.RepositoryRoot(), "src", "CaseAudit.Web");

    public static Process StartProcess(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, Action<string>? line = null)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = ProjectFolder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(AppDll);
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_USE_POLLING_FILE_WATCHER"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        // Read both pipes, always: a full pipe would stall the app.
        process.OutputDataReceived += (_, e) => { if (e.Data is { } d) { line?.Invoke(d); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } d) { line?.Invoke(d); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    // Starts the app on a data file (an empty path: a new one) and returns once `readyPath` answers 200.
    public static async Task<ServedApp> StartAsync(string dataFile, string readyPath, TimeSpan timeout)
    {
        var port = FreePort();
        var folder = Path.GetDirectoryName(dataFile)!;
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["CaseAudit__DataFile"] = dataFile,
            ["CaseAudit__ExportsFolder"] = Path.Combine(folder, "exports"),
            // Development only: the Coordinator signs in without an authenticator app.
            ["CaseAudit__RequireMfa"] = "false",
            // 33 people sign in from one address within a minute; the default allows 30.
            ["CaseAudit__SignInAttemptsPerClientPerMinute"] = "1000",
        };
        var started = Stopwatch.StartNew();
        var app = new ServedApp(new Uri($"http://127.0.0.1:{port}"), started);
        var process = app._process = StartProcess([], environment, app.Keep);
        using var probe = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {process.ExitCode} before it answered:\n{app.Output()}");
            }

            if (started.Elapsed > timeout)
            {
                await app.DisposeAsync();
                throw new InvalidOperationException($"The app did not answer {readyPath} within {timeout.TotalSeconds:0} s:\n{app.Output()}");
            }

            try
            {
                using var response = await probe.GetAsync(readyPath);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(10);
        }
    }

    public Client NewClient() => new(Address);

    private void Keep(string line)
    {
        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > 40)
            {
                _lastLines.Dequeue();
            }
        }
    }

    public string Output()
    {
        lock (_lastLines)
        {
            return string.Join('\n', _lastLines);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // One person's browser: its own cookies, no redirects followed (a saved draft's 302 is the answer).
    public sealed partial class Client : IDisposable
    {
        private readonly HttpClient _http;

        public Client(Uri address) =>
            _http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false })
            {
                BaseAddress = address,
                Timeout = TimeSpan.FromSeconds(30),
            };

        public HttpClient Http => _http;

        public async Task SignInAsync(string userName, string password)
        {
            var token = Token(await PageAsync("/sign-in"));
            using var response = await _http.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.UserName"] = userName,
                ["Input.Password"] = password,
                ["returnUrl"] = "/",
                ["__RequestVerificationToken"] = token,
            }));
            if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("sign-in", StringComparison.Ordinal) == true)
            {
                throw new InvalidOperationException($"{userName} could not sign in: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        // A page that must answer 200; its HTML.
        public async Task<string> PageAsync(string path)
        {
            using var response = await _http.GetAsync(path);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode} {response.Headers.Location}");
            }

            return await response.Content.ReadAsStringAsync();
        }

        // The timed GET: the whole body read, true when it answered 200.
        public async Task<bool> GetAsync(string path)
        {
            using var response = await _http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
            return response.StatusCode == HttpStatusCode.OK;
        }

        public static string Token(string html) =>
            TokenPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No antiforgery token on the page.");

        public static int HiddenVersion(string html) =>
            VersionPattern().Match(html) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : throw new InvalidOperationException("No version on the return form.");

        [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
        private static partial Regex TokenPattern();

        [GeneratedRegex("name=\"version\" value=\"(\\d+)\"")]
        private static partial Regex VersionPattern();

        public void Dispose() => _http.Dispose();
    }
}
