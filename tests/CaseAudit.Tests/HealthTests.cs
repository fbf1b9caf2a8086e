using System.Net;
using CaseAudit.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_is_200_while_the_data_file_is_open_and_writable()
    {
        await using var app = new CaseAuditApp();

        var response = await app.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(File.Exists(app.DataFile));
    }

    [Fact]
    public async Task Health_is_503_once_the_data_file_is_closed()
    {
        await using var app = new CaseAuditApp();
        var client = app.CreateClient();
        app.Services.GetRequiredService<CaseAuditStore>().Dispose();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public void A_store_opened_read_only_is_not_healthy()
    {
        var file = Path.Combine(Path.GetTempPath(), "caseaudit-tests", Guid.NewGuid().ToString("N") + ".db");
        new CaseAuditStore(file).Dispose();

        using var readOnly = new CaseAuditStore(file, readOnly: true);

        Assert.False(readOnly.IsHealthy());
    }
}
