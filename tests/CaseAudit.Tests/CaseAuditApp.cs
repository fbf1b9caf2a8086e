using System.Collections.Concurrent;
using System.Net;
using AngleSharp;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CaseAudit.Tests;

/// A fresh app per test: its own data file and exports folder in a temp directory, so tests
/// run in parallel with no shared state. Templates come from the repository unless a test
/// gives its own folder.
public sealed class CaseAuditApp : WebApplicationFactory<Program>
{
    private readonly string? _templatesFolder;
    private readonly string _environment;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly Action<IServiceCollection>? _services;

    // Hundreds of apps start in one test run, and a disposed app lets go of its watchers late.
    // Each would watch appsettings.json, and wwwroot for asp-append-version, with an inotify
    // instance (128 per user by default); once they run out, pages answer 500 in whichever tests
    // are running then. Tests never edit config, and polling wwwroot needs no inotify.
    static CaseAuditApp()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    public CaseAuditApp(string? templatesFolder = null, string environment = "Testing", Dictionary<string, string>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        _services = services;
        _templatesFolder = templatesFolder;
        _environment = environment;
        _settings = settings ?? [];
        Directory.CreateDirectory(TempFolder);

        // CaseAudit's cookies are __Host- Secure cookies, which a client only keeps over https.
        ClientOptions.BaseAddress = new Uri("https://localhost");
        ClientOptions.AllowAutoRedirect = false;
    }

    public string TempFolder { get; } = Path.Combine(Path.GetTempPath(), "caseaudit-tests", Guid.NewGuid().ToString("N"));

    /// The app's clock; tests move it forward to reach timeouts without waiting.
    public ShiftableClock Clock { get; } = new();

    public string DataFile => _settings.GetValueOrDefault("CaseAudit:DataFile") ?? Path.Combine(TempFolder, "caseaudit.db");

    public static string RepositoryRoot { get; } = CaseAudit.Web.AppPaths.FindRepositoryRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("Tests run inside the CaseAudit repository.");

    public static string ShippedTemplates => Path.Combine(RepositoryRoot, "audit-templates");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("CaseAudit:DataFile", DataFile);
        builder.UseSetting("CaseAudit:ExportsFolder", Path.Combine(TempFolder, "exports"));
        builder.UseSetting("CaseAudit:TemplatesFolder", _templatesFolder ?? ShippedTemplates);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(new ServerErrorLog(ServerErrors)));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            _services?.Invoke(services);
        });
    }

    /// Every unhandled exception a request met (with its method and path), so a test that sees
    /// a 500 can say why.
    public ConcurrentQueue<string> ServerErrors { get; } = new();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(TempFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the OS temp cleaner; it is not a test failure.
        }
    }
}

public sealed class ShiftableClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}

public static class Html
{
    public static async Task<IHtmlDocument> ReadDocumentAsync(this HttpResponseMessage response)
    {
        var content = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        var document = await context.OpenAsync(r =>
        {
            r.Content(content);
            r.Address(response.RequestMessage!.RequestUri!);
            r.Status(response.StatusCode);
            foreach (var header in response.Content.Headers)
            {
                r.Header(header.Key, string.Join(", ", header.Value));
            }
        });
        return (IHtmlDocument)document;
    }

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadDocumentAsync();
    }

    /// Submits a real form the way a browser would: every field it carries (the antiforgery
    /// token included) plus the given values; files as multipart parts.
    public static Task<HttpResponseMessage> SubmitAsync(this HttpClient client, IHtmlFormElement form,
        IDictionary<string, string>? values = null, IDictionary<string, (string FileName, byte[] Content)>? files = null)
    {
        // AngleSharp resolves the action against the page's address; keep path and query.
        var action = Uri.TryCreate(form.Action, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? absolute
            : new Uri(new Uri("https://localhost"), form.Action);
        HttpContent body;
        var fields = form.Elements.OfType<IHtmlInputElement>()
            .Where(i => i.Name is { Length: > 0 } && i.Type is not "file" and not "submit" && (i.Type is not ("radio" or "checkbox") || i.IsChecked))
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
            .Concat(form.Elements.OfType<IHtmlTextAreaElement>().Select(t => new KeyValuePair<string, string>(t.Name!, t.Value)))
            .Concat(form.Elements.OfType<IHtmlSelectElement>().Select(s => new KeyValuePair<string, string>(s.Name!, s.Value ?? "")))
            .Where(kv => values is null || !values.ContainsKey(kv.Key))
            .Concat(values ?? new Dictionary<string, string>())
            .ToList();

        if (form.Enctype == "multipart/form-data")
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (name, value) in fields)
            {
                multipart.Add(new StringContent(value), name);
            }

            foreach (var (name, (fileName, content)) in files ?? new Dictionary<string, (string, byte[])>())
            {
                multipart.Add(new ByteArrayContent(content), name, fileName);
            }

            body = multipart;
        }
        else
        {
            body = new FormUrlEncodedContent(fields);
        }

        return client.PostAsync(action.PathAndQuery, body);
    }
}

/// Collects what ASP.NET Core's exception handler logs: the exception of each request that
/// ended in a server error.
internal sealed class ServerErrorLog(ConcurrentQueue<string> errors) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) =>
        categoryName.StartsWith("Microsoft.AspNetCore.Diagnostics", StringComparison.Ordinal) ? new Logger(errors) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> errors) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel) && exception is not null)
            {
                errors.Enqueue(exception.ToString());
            }
        }
    }
}
