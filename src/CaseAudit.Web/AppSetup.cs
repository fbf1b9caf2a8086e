using CaseAudit.Web.Actions;
using CaseAudit.Web.Data;
using CaseAudit.Web.Demo;
using CaseAudit.Web.Email;
using CaseAudit.Web.Excel;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Moderation;
using CaseAudit.Web.Operations;
using CaseAudit.Web.Returns;
using CaseAudit.Web.Rounds;
using CaseAudit.Web.Security;
using CaseAudit.Web.Templates;
using Microsoft.AspNetCore.Identity;

namespace CaseAudit.Web;

/// What Program.cs does, one step each: the services, the shipped templates, the demo and the
/// request pipeline.
public static class AppSetup
{
    public static void AddCaseAudit(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(sp => AppPaths.From(sp.GetRequiredService<IConfiguration>(), builder.Environment.ContentRootPath));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new CaseAuditStore(sp.GetRequiredService<AppPaths>().DataFile));
        services.AddSingleton(SchemaMigrations.Release);
        services.AddSingleton<Writer>();
        services.AddSingleton<AuditTrail>();
        services.AddHostedService<AuditInboxService>();
        services.AddSingleton(sp => BackupSettings.From(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<AppPaths>(), builder.Environment.IsProduction()));
        services.AddSingleton<BackupStatus>();
        services.AddSingleton<NightlyBackupService>();
        services.AddHostedService(sp => sp.GetRequiredService<NightlyBackupService>());
        services.AddHostedService<BackupRequestService>();
        services.AddSingleton(sp => MailSettings.Of(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<AppPaths>()));
        services.AddSingleton(sp => new Letters(sp.GetRequiredService<MailSettings>().SiteUrl));
        services.AddSingleton<Notices>();
        services.AddSingleton<Reminders>();
        services.AddSingleton<MailSender>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<MailService>();
        services.AddHostedService(sp => sp.GetRequiredService<MailService>());
        services.AddSingleton<TemplateLibrary>();
        services.AddSingleton(sp => Partnership.From(sp.GetRequiredService<IConfiguration>()));

        // The desks: everything that changes data, each through the writer.
        services.AddSingleton<RoundPlanner>();
        services.AddSingleton<ReturnDesk>();
        services.AddSingleton<ConcernDesk>();
        services.AddSingleton<PanelDesk>();
        services.AddSingleton<LearningDesk>();
        services.AddSingleton<ActionDesk>();
        services.AddSingleton<AgencyDesk>();
        services.AddSingleton<RoundDeletion>();

        services.AddSingleton<RoundFindingsReader>();
        services.AddSingleton<LearningSummaryReader>();
        services.AddSingleton<LearningSummaryExport>();
        services.AddSingleton<YearSummaryExport>();
        services.AddScoped<PanelAccess>();
        services.AddScoped<ReturnAccess>();
        builder.AddCaseAuditSecurity();

        var razor = services.AddRazorPages();
        if (builder.Environment.IsDevelopment())
        {
            // An edited .cshtml shows on refresh while developing; Production serves compiled views.
            razor.AddRazorRuntimeCompilation();
        }
    }

    /// Opens the data file before anything else uses it: refuses a damaged file or one from a
    /// newer release, and brings an older one up to this release's schema (a copy of the closed
    /// file first). The exit code when the app must not start, with the reason on stderr.
    public static int? OpenDataFile(this WebApplication app)
    {
        var dataFile = app.Services.GetRequiredService<AppPaths>().DataFile;
        try
        {
            var backup = SchemaMigrations.BackUpIfOlder(dataFile, app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
            if (backup is not null)
            {
                Console.WriteLine($"Upgrading {dataFile} to schema v{Schema.Current}; a copy of it as it was is at {backup}.");
            }

            app.Services.GetRequiredService<SchemaMigrations>().Run(
                app.Services.GetRequiredService<CaseAuditStore>(), app.Services.GetRequiredService<Writer>(), backup);
            return null;
        }
        catch (DataFileRefusedException e)
        {
            Console.Error.WriteLine(e.Message);
            // Let go of the file now: nothing more will be written, and a test (or a person)
            // may want to look at it before this process ends.
            (app.Services as IDisposable)?.Dispose();
            return e.ExitCode;
        }
    }

    /// False (with every problem printed) when CaseAudit:Email is set wrongly: better not to
    /// start than to start and never send a concern alert.
    public static bool CheckEmailSettings(this WebApplication app)
    {
        var (_, problems) = MailSettings.Read(app.Configuration, app.Services.GetRequiredService<AppPaths>());
        foreach (var problem in problems)
        {
            Console.Error.WriteLine(problem);
        }

        return problems.Count == 0;
    }

    /// Records shipped template versions not seen before; false (with every problem printed)
    /// when one is invalid, because the app must not start on a template it cannot read.
    public static bool PublishShippedTemplates(this WebApplication app)
    {
        var paths = app.Services.GetRequiredService<AppPaths>();
        var problems = app.Services.GetRequiredService<TemplateLibrary>().PublishShipped(paths.TemplatesFolder);
        foreach (var problem in problems)
        {
            Console.Error.WriteLine(problem);
        }

        if (problems.Count > 0)
        {
            Console.Error.WriteLine($"CaseAudit will not start while a template in {paths.TemplatesFolder} is invalid. Check them with: dotnet run --project src/CaseAudit.Web -- templates validate audit-templates");
            return false;
        }

        Directory.CreateDirectory(paths.ExportsFolder);
        return true;
    }

    /// In Development, a new data file gets the demo partnership and its two rounds.
    public static async Task SeedDemoAsync(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            return;
        }

        // Identity's hasher and normaliser are scoped services.
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var store = services.GetRequiredService<CaseAuditStore>();
        if (await DemoSeed.SeedIfNewAsync(store, services.GetRequiredService<Writer>(), services.GetRequiredService<TemplateLibrary>(),
                services.GetRequiredService<IPasswordHasher<CaseAuditUser>>(), services.GetRequiredService<ILookupNormalizer>(), services.GetRequiredService<TimeProvider>()) is not { } created)
        {
            return;
        }

        Console.WriteLine($"{created}, in {store.DataFile}.");
        Console.WriteLine($"Sign in with any of these (password: {DemoPartnership.Password}):");
        foreach (var person in DemoPartnership.People)
        {
            Console.WriteLine($"  {person.UserName,-28} {string.Join(", ", person.Roles)}{(person.AgencyId is null ? "" : $" ({person.AgencyId})")}");
        }
    }

    public static void UseCaseAudit(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
        }

        app.UseStatusCodePagesWithReExecute("/error", "?status={0}");
        RecordGone.AnswerAsNotFound(app);
        app.UseCaseAuditSecurity();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseUploadLimits();

        // Public so a load balancer or monitor can poll it; it says nothing about the data.
        app.MapGet("/health", async (Writer writer, BackupStatus backups, TimeProvider clock) => await writer.IsHealthyAsync()
            ? Results.Text($"ok\nlastBackup: {BackupAge(backups, clock)}")
            : Results.Text("The data file is not open and writable.", statusCode: StatusCodes.Status503ServiceUnavailable))
            .AllowAnonymous();
        app.MapRazorPages();
    }

    // For a monitor to alarm on: when the newest backup was made and how long ago, or "none".
    private static string BackupAge(BackupStatus backups, TimeProvider clock) =>
        backups.LastMade is { } last ? $"{last.At:yyyy-MM-ddTHH:mm:ssZ} ({(clock.GetUtcNow().UtcDateTime - last.At).TotalHours:0.0} hours ago)" : "none";
}
