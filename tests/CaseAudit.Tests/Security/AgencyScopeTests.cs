using System.Security.Claims;
using CaseAudit.Web.Domain;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Security;

public sealed class AgencyScopeTests
{
    private sealed record AgencyReturn(string AgencyId) : IAgencyScoped;

    private static ClaimsPrincipal Person(string role, string? agency = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, "someone"), new(ClaimTypes.Role, role) };
        if (agency is not null)
        {
            claims.Add(new Claim(CaseAuditClaimTypes.Agency, agency));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    private static async Task<bool> MayAccess(ClaimsPrincipal user, string agencyId)
    {
        await using var app = new CaseAuditApp();
        var authorization = app.Services.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(user, new AgencyReturn(agencyId), Policies.AgencyRecord)).Succeeded;
    }

    [Fact]
    public async Task An_auditor_may_touch_their_own_agencys_record() =>
        Assert.True(await MayAccess(Person(Roles.Auditor, "police"), "police"));

    [Fact]
    public async Task An_auditor_may_not_touch_another_agencys_record() =>
        Assert.False(await MayAccess(Person(Roles.Auditor, "police"), "health"));

    [Fact]
    public async Task An_auditor_without_an_agency_may_touch_nothing() =>
        Assert.False(await MayAccess(Person(Roles.Auditor), "police"));

    [Fact]
    public async Task A_coordinator_may_touch_any_agencys_record() =>
        Assert.True(await MayAccess(Person(Roles.Coordinator), "health"));

    [Theory]
    [InlineData(Roles.Board)]
    [InlineData(Roles.Admin)]
    public async Task Board_members_and_admins_may_not_touch_agency_records(string role) =>
        Assert.False(await MayAccess(Person(role, "police"), "police"));
}
