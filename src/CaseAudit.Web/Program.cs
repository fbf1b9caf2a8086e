using CaseAudit.Web;
using CaseAudit.Web.Data;
using CaseAudit.Web.Demo;
using CaseAudit.Web.Excel;
using CaseAudit.Web.Identity;
using Microsoft.AspNetCore.Identity;
using CaseAudit.Web.Returns;
using CaseAudit.Web.Rounds;
using CaseAudit.Web.Security;
using CaseAudit.Web.Templates;

if (args is ["templates", "validate", .. var templatePaths])
{
    // `dotnet run --project src/CaseAudit.Web` runs in the project folder; PWD still holds
    // the folder the command was typed in, which is what relative paths mean to the user.
    var cli = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
    var cliPaths = AppPaths.From(cli.Configuration, cli.Environment.ContentRootPath);
    var callerDirectory = Environment.GetEnvironmentVariable("PWD") is { } pwd && Directory.Exists(pwd) ? pwd : Environment.CurrentDirectory;
    return ValidateTemplatesCommand.Run(templatePaths, callerDirectory, cliPaths.DataFile, Console.Out);
}

if (args is ["audit", "verify"])
{
    // Opens the data file read-only, so it is safe while the app is running.
    var cli = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
    var cliPaths = AppPaths.From(cli.Configuration, cli.Environment.ContentRootPath);
    return AuditVerifyCommand.Run(cliPaths.DataFile, Console.Out);
}

if (args is ["export", .. var exportArgs])
{
    // Reads the data file read-only, so it is safe while the app is running.
    var cli = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
    var cliPaths = AppPaths.From(cli.Configuration, cli.Environment.ContentRootPath);
    var callerDirectory = Environment.GetEnvironmentVariable("PWD") is { } pwd && Directory.Exists(pwd) ? pwd : Environment.CurrentDirectory;
    return await ExportCommand.RunAsync(exportArgs, cliPaths, Partnership.From(cli.Configuration).Name, callerDirectory, Console.Out, Console.Error);
}

if (args is [var command, ..] && !command.StartsWith('-'))
{
    Console.Error.WriteLine($"Unknown command '{string.Join(' ', args)}'. Commands: templates validate <file-or-folder>..., audit verify, export round|partnership|year ...");
    return 2;
}

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(sp => AppPaths.From(sp.GetRequiredService<IConfiguration>(), builder.Environment.ContentRootPath));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(sp => new CaseAuditStore(sp.GetRequiredService<AppPaths>().DataFile));
builder.Services.AddSingleton<Writer>();
builder.Services.AddSingleton<AuditTrail>();
builder.Services.AddSingleton<TemplateLibrary>();
builder.Services.AddSingleton<RoundPlanner>();
builder.Services.AddSingleton<CaseAudit.Web.Actions.ActionDesk>();
builder.Services.AddSingleton<ReturnDesk>();
builder.Services.AddSingleton<ConcernDesk>();
builder.Services.AddSingleton<LearningDesk>();
builder.Services.AddSingleton<AgencyDesk>();
builder.Services.AddSingleton<RoundFindingsReader>();
builder.Services.AddSingleton(sp => Partnership.From(sp.GetRequiredService<IConfiguration>()));
builder.Services.AddSingleton<LearningSummaryReader>();
builder.Services.AddSingleton<LearningSummaryExport>();
builder.Services.AddSingleton<YearSummaryExport>();
builder.Services.AddHostedService<AuditInboxService>();
builder.Services.AddSingleton<CaseAudit.Web.Moderation.PanelDesk>();
builder.Services.AddScoped<CaseAudit.Web.Pages.Moderation.PanelAccess>();
builder.Services.AddScoped<CaseAudit.Web.Pages.Returns.ReturnAccess>();
builder.AddCaseAuditSecurity();

var razor = builder.Services.AddRazorPages();
if (builder.Environment.IsDevelopment())
{
    // An edited .cshtml shows on refresh while developing; Production serves compiled views.
    razor.AddRazorRuntimeCompilation();
}

var app = builder.Build();

var paths = app.Services.GetRequiredService<AppPaths>();
var problems = app.Services.GetRequiredService<TemplateLibrary>().PublishShipped(paths.TemplatesFolder);
if (problems.Count > 0)
{
    foreach (var problem in problems)
    {
        Console.Error.WriteLine(problem);
    }

    Console.Error.WriteLine($"CaseAudit will not start while a template in {paths.TemplatesFolder} is invalid. Check them with: dotnet run --project src/CaseAudit.Web -- templates validate audit-templates");
    return 1;
}

Directory.CreateDirectory(paths.ExportsFolder);

if (app.Environment.IsDevelopment())
{
    using var scope = app.Services.CreateScope();
    var services = scope.ServiceProvider;
    if (DemoPartnership.SeedIfNew(services.GetRequiredService<CaseAuditStore>(), services.GetRequiredService<IPasswordHasher<CaseAuditUser>>(),
            services.GetRequiredService<ILookupNormalizer>(), services.GetRequiredService<Writer>()))
    {
        DemoRounds.Seed(services.GetRequiredService<CaseAuditStore>(), services.GetRequiredService<Writer>(), services.GetRequiredService<TemplateLibrary>(),
            DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime));
        Console.WriteLine($"Demo partnership created in {paths.DataFile}, with 2 demo rounds: one published, one grading with 12 cases.");
        Console.WriteLine($"Sign in with any of these (password: {DemoPartnership.Password}):");
        foreach (var person in DemoPartnership.People)
        {
            Console.WriteLine($"  {person.UserName,-28} {string.Join(", ", person.Roles)}{(person.AgencyId is null ? "" : $" ({person.AgencyId})")}");
        }
    }
}

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error");
}

app.UseStatusCodePagesWithReExecute("/error", "?status={0}");
app.UseCaseAuditSecurity();
app.UseStaticFiles();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseUploadLimits();

// Public so a load balancer or monitor can poll it; it says nothing about the data.
app.MapGet("/health", async (Writer writer) => await writer.IsHealthyAsync()
    ? Results.Text("ok")
    : Results.Text("The data file is not open and writable.", statusCode: StatusCodes.Status503ServiceUnavailable))
    .AllowAnonymous();
app.MapRazorPages();

app.Run();
return 0;

public partial class Program;
