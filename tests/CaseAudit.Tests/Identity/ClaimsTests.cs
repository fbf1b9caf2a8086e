using System.Security.Claims;
using CaseAudit.Web.Domain;
using CaseAudit.Web.Identity;
using Microsoft.AspNetCore.Identity;

namespace CaseAudit.Tests.Identity;

public sealed class ClaimsTests : IDisposable
{
    private readonly IdentityHarness _identity = new();

    public void Dispose() => _identity.Dispose();

    [Fact]
    public async Task The_signed_in_principal_carries_roles_agency_and_display_name()
    {
        _identity.Store.Agencies.Insert(new Agency { Id = "police", Name = "Lancashire Constabulary", ShortName = "Police" });
        var user = new CaseAuditUser { UserName = "sam.patel", DisplayName = "Sam Patel", AgencyId = "police" };
        IdentityHarness.AssertSucceeded(await _identity.Users.CreateAsync(user, IdentityHarness.StrongPassword));
        IdentityHarness.AssertSucceeded(await _identity.Users.AddToRolesAsync(user, [Roles.Auditor, Roles.Board]));

        var factory = _identity.Get<IUserClaimsPrincipalFactory<CaseAuditUser>>();
        var principal = await factory.CreateAsync(user);

        Assert.IsType<CaseAuditClaimsFactory>(factory);
        Assert.True(principal.IsInRole(Roles.Auditor));
        Assert.True(principal.IsInRole(Roles.Board));
        Assert.False(principal.IsInRole(Roles.Admin));
        Assert.Equal([Roles.Auditor, Roles.Board], principal.FindAll(ClaimTypes.Role).Select(c => c.Value));
        Assert.Equal("police", principal.FindFirstValue(CaseAuditClaimTypes.Agency));
        Assert.Equal("Sam Patel", principal.FindFirstValue(CaseAuditClaimTypes.DisplayName));
        Assert.Equal("sam.patel", principal.Identity?.Name);
        Assert.Equal(user.Id, principal.FindFirstValue(ClaimTypes.NameIdentifier));
    }

    [Fact]
    public async Task A_user_without_an_agency_has_no_agency_claim()
    {
        var user = await _identity.CreateUserAsync("coordinator.one", IdentityHarness.StrongPassword, Roles.Coordinator);

        var principal = await _identity.Get<IUserClaimsPrincipalFactory<CaseAuditUser>>().CreateAsync(user);

        Assert.Null(principal.FindFirst(CaseAuditClaimTypes.Agency));
        Assert.True(principal.IsInRole(Roles.Coordinator));
    }
}
