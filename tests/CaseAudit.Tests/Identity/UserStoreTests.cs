using CaseAudit.Web.Domain;
using CaseAudit.Web.Identity;
using Microsoft.AspNetCore.Identity;
using static CaseAudit.Tests.Identity.IdentityHarness;

namespace CaseAudit.Tests.Identity;

public sealed class UserStoreTests : IDisposable
{
    private readonly IdentityHarness _identity = new();

    public void Dispose() => _identity.Dispose();

    [Fact]
    public async Task A_created_user_is_found_by_name_in_any_case()
    {
        var created = await _identity.CreateUserAsync("Sam.Patel");

        var found = await _identity.NewUserManager().FindByNameAsync("sam.patel");

        Assert.NotNull(found);
        Assert.Equal(created.Id, found.Id);
        Assert.Equal("Sam.Patel", found.UserName);
        Assert.Equal("SAM.PATEL", found.NormalizedUserName);
        Assert.Equal(32, found.Id.Length);
        Assert.True(found.Active);
        Assert.True(found.LockoutEnabled);
    }

    [Fact]
    public async Task A_second_account_with_the_same_name_is_refused()
    {
        await _identity.CreateUserAsync("sam.patel");

        var result = await _identity.Users.CreateAsync(new CaseAuditUser { UserName = "SAM.PATEL" }, StrongPassword);

        Assert.Contains(result.Errors, e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName));
        Assert.Equal(1, _identity.Store.Users.Count());
    }

    [Fact]
    public async Task The_stored_password_hash_verifies_the_password_and_no_other()
    {
        await _identity.CreateUserAsync("sam.patel", StrongPassword);
        var users = _identity.NewUserManager();
        var user = (await users.FindByNameAsync("sam.patel"))!;

        Assert.DoesNotContain(StrongPassword, user.PasswordHash);
        Assert.True(await users.CheckPasswordAsync(user, StrongPassword));
        Assert.False(await users.CheckPasswordAsync(user, StrongPassword + "x"));
    }

    [Fact]
    public async Task The_security_stamp_changes_when_the_password_changes()
    {
        var user = await _identity.CreateUserAsync("sam.patel", StrongPassword);
        var before = user.SecurityStamp;
        Assert.False(string.IsNullOrEmpty(before));

        AssertSucceeded(await _identity.Users.ChangePasswordAsync(user, StrongPassword, "violet kettle under moonlit hills"));

        var reloaded = (await _identity.NewUserManager().FindByIdAsync(user.Id))!;
        Assert.NotEqual(before, reloaded.SecurityStamp);
        Assert.True(await _identity.Users.CheckPasswordAsync(reloaded, "violet kettle under moonlit hills"));
        Assert.False(await _identity.Users.CheckPasswordAsync(reloaded, StrongPassword));
    }

    [Fact]
    public async Task The_second_of_two_updates_from_the_same_loaded_copy_is_refused()
    {
        await _identity.CreateUserAsync("sam.patel");
        var first = _identity.NewUserManager();
        var second = _identity.NewUserManager();
        var copyA = (await first.FindByNameAsync("sam.patel"))!;
        var copyB = (await second.FindByNameAsync("sam.patel"))!;
        Assert.NotSame(copyA, copyB);

        copyA.DisplayName = "Sam Patel (Police)";
        var stampLoaded = copyA.ConcurrencyStamp;
        AssertSucceeded(await first.UpdateAsync(copyA));
        Assert.NotEqual(stampLoaded, copyA.ConcurrencyStamp);

        copyB.DisplayName = "Someone else";
        var refused = await second.UpdateAsync(copyB);

        Assert.False(refused.Succeeded);
        Assert.Contains(refused.Errors, e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure));
        Assert.Equal("Sam Patel (Police)", _identity.Store.Users.FindById(copyA.Id).DisplayName);
    }

    [Fact]
    public async Task Of_many_simultaneous_updates_from_the_same_loaded_copy_exactly_one_wins()
    {
        var user = await _identity.CreateUserAsync("sam.patel");
        var managers = Enumerable.Range(0, 8).Select(_ => _identity.NewUserManager()).ToList();
        var copies = new List<CaseAuditUser>();
        foreach (var manager in managers)
        {
            copies.Add((await manager.FindByIdAsync(user.Id))!);
        }

        var results = await Task.WhenAll(managers.Select((manager, i) => Task.Run(async () =>
        {
            copies[i].DisplayName = $"Writer {i}";
            return await manager.UpdateAsync(copies[i]);
        })));

        var winner = Assert.Single(results.Select((r, i) => (r, i)), x => x.r.Succeeded);
        Assert.Equal($"Writer {winner.i}", _identity.Store.Users.FindById(user.Id).DisplayName);
    }

    [Fact]
    public async Task Deleting_a_user_is_refused_and_the_user_is_kept()
    {
        var user = await _identity.CreateUserAsync("sam.patel");

        var result = await _identity.Users.DeleteAsync(user);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal("UsersAreNeverDeleted", error.Code);
        Assert.Contains("Deactivate", error.Description);
        Assert.NotNull(await _identity.NewUserManager().FindByIdAsync(user.Id));
    }

    [Fact]
    public async Task An_unknown_role_is_refused()
    {
        var user = await _identity.CreateUserAsync("sam.patel");

        await Assert.ThrowsAsync<InvalidOperationException>(() => _identity.Users.AddToRoleAsync(user, "Superuser"));

        Assert.Empty(_identity.Store.Users.FindById(user.Id).Roles);
    }

    [Fact]
    public async Task Roles_are_matched_in_any_case_and_stored_in_their_canonical_spelling()
    {
        var user = await _identity.CreateUserAsync("sam.patel");

        AssertSucceeded(await _identity.Users.AddToRolesAsync(user, ["coordinator", "BOARD"]));

        Assert.Equal([Roles.Coordinator, Roles.Board], _identity.Store.Users.FindById(user.Id).Roles);
        Assert.True(await _identity.Users.IsInRoleAsync(user, Roles.Board));
        Assert.False(await _identity.Users.IsInRoleAsync(user, Roles.Admin));
        Assert.False((await _identity.Users.AddToRoleAsync(user, Roles.Board)).Succeeded);
    }

    [Fact]
    public async Task Users_in_a_role_are_listed_and_a_removed_role_drops_them()
    {
        var coordinator = await _identity.CreateUserAsync("coordinator.one", StrongPassword, Roles.Coordinator);
        await _identity.CreateUserAsync("board.member", StrongPassword, Roles.Board);

        var coordinators = await _identity.Users.GetUsersInRoleAsync(Roles.Coordinator);
        Assert.Equal(coordinator.Id, Assert.Single(coordinators).Id);

        AssertSucceeded(await _identity.Users.RemoveFromRoleAsync(coordinator, Roles.Coordinator));
        Assert.Empty(await _identity.Users.GetUsersInRoleAsync(Roles.Coordinator));
    }

    [Fact]
    public async Task An_auditor_cannot_be_saved_without_an_existing_agency()
    {
        var user = await _identity.CreateUserAsync("auditor.one");

        var withoutAgency = await _identity.Users.AddToRoleAsync(user, Roles.Auditor);
        Assert.Contains(withoutAgency.Errors, e => e.Code == "AuditorWithoutAgency");

        var fresh = (await _identity.NewUserManager().FindByIdAsync(user.Id))!;
        Assert.Empty(fresh.Roles);
        fresh.AgencyId = "police";
        var users = _identity.NewUserManager();
        var unknownAgency = await users.AddToRoleAsync(fresh, Roles.Auditor);
        Assert.Contains(unknownAgency.Errors, e => e.Code == "UnknownAgency");

        _identity.Store.Agencies.Insert(new Agency { Id = "police", Name = "Lancashire Constabulary", ShortName = "Police" });
        var again = (await users.FindByIdAsync(user.Id))!;
        again.AgencyId = "police";
        AssertSucceeded(await users.AddToRoleAsync(again, Roles.Auditor));
        Assert.Equal([Roles.Auditor], _identity.Store.Users.FindById(user.Id).Roles);
    }

    [Fact]
    public async Task An_email_finds_its_user_only_while_no_one_else_shares_it()
    {
        var sam = await _identity.CreateUserAsync("sam.patel");
        var jo = await _identity.CreateUserAsync("jo.bloggs");
        AssertSucceeded(await _identity.Users.SetEmailAsync(sam, "qa@partnership.example"));

        Assert.Equal(sam.Id, (await _identity.Users.FindByEmailAsync("QA@partnership.example"))?.Id);
        Assert.Null(await _identity.Users.FindByEmailAsync("nobody@partnership.example"));

        AssertSucceeded(await _identity.Users.SetEmailAsync(jo, "qa@partnership.example"));
        Assert.Null(await _identity.Users.FindByEmailAsync("qa@partnership.example"));
    }
}
