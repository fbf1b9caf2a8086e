using Microsoft.AspNetCore.Mvc.Razor.Compilation;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests;

public sealed class RazorCompilationTests
{
    [Theory]
    [InlineData("Development", true)]
    [InlineData("Production", false)]
    public async Task Edited_pages_recompile_on_refresh_only_in_development(string environment, bool runtime)
    {
        await using var app = new CaseAuditApp(environment: environment);

        var provider = app.Services.GetRequiredService<IViewCompilerProvider>();

        Assert.Equal(runtime, provider.GetType().Name.Contains("Runtime", StringComparison.Ordinal));
    }
}
