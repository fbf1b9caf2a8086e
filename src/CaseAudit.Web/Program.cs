using CaseAudit.Web;

if (await CommandLine.RunAsync(args) is int exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddCaseAudit();

var app = builder.Build();
if (!app.CheckEmailSettings())
{
    return 1;
}

if (app.OpenDataFile() is int refused)
{
    return refused;
}

if (!app.PublishShippedTemplates())
{
    return 1;
}

await app.SeedDemoAsync();
app.UseCaseAudit();
app.Run();
return 0;

public partial class Program;
