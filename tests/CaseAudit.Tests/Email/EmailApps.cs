using CaseAudit.Web.Actions;
using CaseAudit.Web.Data;
using CaseAudit.Web.Demo;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Email;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Returns;
using CaseAudit.Web.Rounds;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Email;

/// The demo partnership on a test app, its clock set to a UK morning (reminders go from 08:00),
/// and the steps the email tests take through the app's own desks.
public static class EmailApps
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateOnly UkToday => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, London));

    /// The demo with these email settings (none: the outbox), at 09:30 UK time today.
    public static CaseAuditApp DemoApp(Dictionary<string, string>? email = null, string? dataFile = null, DateOnly? day = null)
    {
        var settings = new Dictionary<string, string> { ["CaseAudit:RequireMfa"] = "false", ["CaseAudit:Email:PollSeconds"] = "3600" };
        foreach (var (key, value) in email ?? [])
        {
            settings[key] = value;
        }

        if (dataFile is not null)
        {
            settings["CaseAudit:DataFile"] = dataFile;
        }

        var app = new CaseAuditApp(environment: "Development", settings: settings);
        app.Clock.SetUk(day ?? UkToday);
        return app;
    }

    /// Moves the app's clock to that UK day and time (it keeps running from there).
    public static void SetUk(this ShiftableClock clock, DateOnly day, int hour = 9, int minute = 30)
    {
        var utc = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, minute)), London);
        clock.Offset = utc - DateTime.UtcNow;
    }

    /// One pass of the app's mail service: queue what is due, send what is queued.
    public static Task<int> MailPassAsync(this CaseAuditApp app) => app.Services.GetRequiredService<MailService>().RunOnceAsync();

    public static CaseAuditStore Store(this CaseAuditApp app) => app.Services.GetRequiredService<CaseAuditStore>();

    public static string EmailOf(string userName) => DemoPartnership.People.Single(p => p.UserName == userName).Email!;

    public static string Auditor(string agencyId) => $"demo.auditor.{agencyId}";

    public static Actor Person(this CaseAuditApp app, string userName)
    {
        var user = app.Store().Users.FindOne(u => u.UserName == userName);
        return new Actor(user.Id, user.UserName, user.AgencyId);
    }

    public static async Task SetEmailsOffAsync(this CaseAuditApp app, string userName, params EmailKind[] off)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CaseAuditUser>>();
        var user = (await users.FindByNameAsync(userName))!;
        user.EmailsOff = [.. off];
        Assert.True((await users.UpdateAsync(user)).Succeeded);
    }

    /// A new round of the demo's template with two cases, moved into grading by the Coordinator.
    public static async Task<Round> StartNewRoundAsync(this CaseAuditApp app, params string[] agencies)
    {
        var planner = app.Services.GetRequiredService<RoundPlanner>();
        var coordinator = app.Person(DemoRounds.Coordinator);
        var template = app.Store().Rounds.FindById(DemoRounds.GradingRoundId);
        var today = UkToday;
        var round = await planner.CreateAsync(new Round
        {
            Title = "Neglect: spring sample", TemplateId = template.TemplateId, TemplateVersion = template.TemplateVersion,
            PeriodFrom = today.AddMonths(-6), PeriodTo = today.AddMonths(-1), GradingDeadline = today.AddDays(21), AgencyIds = [.. agencies],
            CreatedBy = coordinator.Name,
        }, coordinator);
        var cases = new[] { "NS-2027-101", "NS-2027-102" }.Select((reference, i) => new SampledCase
        {
            RoundId = round.Id, Reference = reference, AgeBand = "5–11", Level = "Child in need", Categories = ["Emotional"],
            AgencyIds = i == 0 ? [.. agencies] : [agencies[0]],
        }).ToList();
        Assert.Null(await planner.AddCasesAsync(round.Id, cases, coordinator, "added by hand"));
        var draft = app.Store().Rounds.FindById(round.Id);
        Assert.Null(await planner.MoveAsync(round.Id, draft.Version, RoundStatus.Grading, null, coordinator));
        return app.Store().Rounds.FindById(round.Id);
    }

    public static async Task<SafeguardingConcern> RaiseConcernAsync(this CaseAuditApp app, string roundId, string agencyId)
    {
        var sampled = app.Store().Cases.Find(c => c.RoundId == roundId && c.AgencyIds.Contains(agencyId)).First();
        var concern = new SafeguardingConcern
        {
            RoundId = roundId, CaseId = sampled.Id, AgencyId = agencyId, RaisedBy = Auditor(agencyId),
            WhatWasSeen = "A bruise on the forearm noted at the last home visit was not followed up.",
            ActionTaken = "Phoned the allocated social worker and made a referral to the front door.",
        };
        await app.Services.GetRequiredService<ConcernDesk>().RaiseAsync(concern, sampled.Reference, app.Person(Auditor(agencyId)));
        return concern;
    }

    public static Task AddCaseActionAsync(this CaseAuditApp app, string roundId, string agencyId)
    {
        var round = app.Store().Rounds.FindById(roundId);
        var sampled = app.Store().Cases.Find(c => c.RoundId == roundId && c.AgencyIds.Contains(agencyId)).First();
        return app.Services.GetRequiredService<ActionDesk>().CreateCaseActionAsync(round, sampled,
            new CaseAudit.Web.Domain.Actions.CaseAction
            {
                AgencyId = agencyId, Due = UkToday.AddDays(28),
                What = "Add the missed health appointments to the chronology and share it with the allocated social worker.",
            }, app.Person(DemoRounds.Coordinator));
    }

    /// Every piece of free text written about a child in the data file: evidence, strengths,
    /// reasons, summaries, concerns and their follow-ups, case actions. No email may carry any.
    public static IReadOnlyList<string> ChildLevelTexts(this CaseAuditApp app)
    {
        var store = app.Store();
        var texts = store.Returns.FindAll().SelectMany(r => r.Answers.Values
                .SelectMany(a => new[] { a.Evidence, a.Strengths, a.Better, a.Text, a.NotApplicableReason })
                .Append(r.ChildVoiceSummary))
            .Concat(store.Concerns.FindAll().SelectMany(c => new[] { c.WhatWasSeen, c.ActionTaken, c.FollowUp }))
            .Concat(store.CaseActions.FindAll().Select(a => a.What))
            .Concat(store.Moderations.FindAll().Select(m => m.Rationale))
            .OfType<string>()
            // Long enough to be someone's words, not a grade or a field name.
            .Where(t => t.Trim().Length >= 25)
            .Select(t => t.Trim())
            .Distinct()
            .ToList();
        Assert.True(texts.Count > 100, $"The demo should hold plenty of child-level text to look for; found {texts.Count}");
        return texts;
    }
}
