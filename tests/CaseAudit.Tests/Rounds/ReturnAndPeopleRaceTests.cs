using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Returns;
using CaseAudit.Web.Rounds;
using CaseAudit.Web.Templates;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Rounds;

/// The races issue 11 found outside the planning steps: a return saved as its round moves on,
/// and changes to people.
public sealed class ReturnAndPeopleRaceTests
{
    private const int Trials = 5;
    private static readonly Actor By = new(null, "Chris Coordinator");

    [Fact]
    public async Task A_return_saved_as_the_round_moves_to_panel_is_either_saved_before_the_move_or_refused()
    {
        for (var trial = 0; trial < Trials; trial++)
        {
            await using var app = new CaseAuditApp();
            var fixture = RoundFixture.Grading(app);
            var templates = app.Services.GetRequiredService<TemplateLibrary>();
            var template = templates.Parse(templates.Find("supervision", "1.0")!);
            var desks = app.Services.GetRequiredService<ReturnDesk>();
            var planner = app.Services.GetRequiredService<RoundPlanner>();
            var typed = new Dictionary<string, Answer> { ["SU-01"] = new Answer { Grade = "Yes", Evidence = $"Supervised monthly (trial {trial})" } };

            using var start = new Barrier(2);
            var save = Task.Run(async () =>
            {
                start.SignalAndWait();
                return await desks.SaveSectionAsync(template, fixture.PoliceReturn.Id, 0, template.Sections[0], typed, By);
            });
            var move = Task.Run(async () =>
            {
                start.SignalAndWait();
                return await planner.MoveAsync(fixture.Round.Id, fixture.Round.Version, RoundStatus.Panel, null, By);
            });
            var (saved, moved) = (await save, await move);

            var store = app.Services.GetRequiredService<CaseAuditStore>();
            Assert.Null(moved);
            Assert.Equal(RoundStatus.Panel, store.Rounds.FindById(fixture.Round.Id)!.Status);
            var trail = store.AuditEntries.FindAll().ToList();
            var movedAt = Assert.Single(trail, e => e.Type == "round.status-changed").Seq;
            if (saved.Result == SaveResult.Saved)
            {
                // Saved means saved while the round was still grading: before the move, never after.
                Assert.True(Assert.Single(trail, e => e.Type == "return.saved").Seq < movedAt);
                Assert.Equal(1, store.Returns.FindById(fixture.PoliceReturn.Id)!.Version);
            }
            else
            {
                Assert.Equal(SaveResult.NotEditable, saved.Result);
                Assert.DoesNotContain(trail, e => e.Type == "return.saved");
                Assert.Equal(0, store.Returns.FindById(fixture.PoliceReturn.Id)!.Version);
            }
        }
    }

    [Fact]
    public async Task Two_admins_removing_each_others_admin_role_at_once_leave_one_admin()
    {
        for (var trial = 0; trial < Trials; trial++)
        {
            await using var app = new CaseAuditApp();
            var ann = await app.CreateUserAsync("ann.admin", [Roles.Admin]);
            var bob = await app.CreateUserAsync("bob.admin", [Roles.Admin]);

            using var start = new Barrier(2);
            async Task<IdentityResult> Demote(string userId)
            {
                using var scope = app.Services.CreateScope();
                var users = scope.ServiceProvider.GetRequiredService<UserManager<CaseAuditUser>>();
                var user = (await users.FindByIdAsync(userId))!;
                user.Roles = [Roles.Coordinator];
                start.SignalAndWait();
                return await users.UpdateSecurityStampAsync(user);
            }

            var results = await Task.WhenAll(Task.Run(() => Demote(bob.Id)), Task.Run(() => Demote(ann.Id)));

            var refused = Assert.Single(results, r => !r.Succeeded);
            Assert.Equal(LiteDbUserStore.LastAdminCode, Assert.Single(refused.Errors).Code);
            var store = app.Services.GetRequiredService<CaseAuditStore>();
            Assert.Single(store.Users.FindAll(), u => u.Active && u.Roles.Contains(Roles.Admin));
        }
    }

    [Fact]
    public async Task A_change_to_a_person_and_its_audit_entry_are_kept_together_or_not_at_all()
    {
        await using var app = new CaseAuditApp();
        var pat = await app.CreateUserAsync("pat.auditor", [Roles.Auditor]);
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CaseAuditUser>>();
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var entries = store.AuditEntries.Count();

        var user = (await users.FindByIdAsync(pat.Id))!;
        user.DisplayName = "Pat Renamed";
        // An entry that cannot be written (no summary) must take the change down with it.
        user.AuditWithNextSave.Add(new AuditEvent("user.updated", "", null, "ann.admin"));
        var stamp = user.ConcurrencyStamp;
        await Assert.ThrowsAsync<ArgumentException>(() => users.UpdateAsync(user));
        Assert.Equal(stamp, user.ConcurrencyStamp);

        Assert.Equal("Test pat.auditor", store.Users.FindById(pat.Id)!.DisplayName);
        Assert.Equal(entries, store.AuditEntries.Count());

        var again = (await users.FindByIdAsync(pat.Id))!;
        again.DisplayName = "Pat Renamed";
        again.AuditWithNextSave.Add(new AuditEvent("user.updated", "User pat.auditor changed: displayName", null, "ann.admin"));
        Assert.True((await users.UpdateAsync(again)).Succeeded);
        Assert.Equal("Pat Renamed", store.Users.FindById(pat.Id)!.DisplayName);
        Assert.Equal(entries + 1, store.AuditEntries.Count());
        Assert.Equal(store.Users.FindById(pat.Id)!.ConcurrencyStamp, again.ConcurrencyStamp);
    }
}
