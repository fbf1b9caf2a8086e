using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests;

/// A round already in grading on the supervision template (Yes / Partly / No), with one case
/// that the police and health were involved in, both returns not started, and one open
/// concern: written straight to the store, for tests about what happens next.
public sealed record RoundFixture(Round Round, SampledCase Case, AgencyReturn PoliceReturn, AgencyReturn HealthReturn, SafeguardingConcern Concern)
{
    /// A round still being planned, with no cases.
    public static Round Draft(CaseAuditApp app)
    {
        var round = new Round
        {
            Title = "Lived experience: planning", TemplateId = "lived-experience", TemplateVersion = "1.0",
            PeriodFrom = new DateOnly(2026, 1, 1), PeriodTo = new DateOnly(2026, 6, 30), GradingDeadline = new DateOnly(2026, 12, 1),
            AgencyIds = [TestUsers.AgencyId, TestUsers.OtherAgencyId],
        };
        EnsureAgencies(app.Services.GetRequiredService<CaseAuditStore>());
        app.Services.GetRequiredService<CaseAuditStore>().Rounds.Insert(round);
        return round;
    }

    private static void EnsureAgencies(CaseAuditStore store)
    {
        foreach (var agency in new[] { TestUsers.AgencyId, TestUsers.OtherAgencyId })
        {
            if (store.Agencies.FindById(agency) is null)
            {
                store.Agencies.Insert(new CaseAudit.Web.Domain.Agency { Id = agency, Name = $"Northshire {agency}", ShortName = agency });
            }
        }
    }

    /// An open action on the round's theme plan, raised in that round.
    public static CaseAudit.Web.Domain.Actions.PlanAction PlanAction(CaseAuditApp app, Round round, DateOnly? timescale = null, bool closed = false)
    {
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var action = new CaseAudit.Web.Domain.Actions.PlanAction
        {
            TemplateId = round.TemplateId, RoundId = round.Id, Ref = $"A{store.PlanActions.Count(a => a.TemplateId == round.TemplateId) + 1}",
            Workstream = "Practice", Aim = "Supervision records show reflective discussion", Activity = "Audit supervision notes quarterly",
            LeadName = "Sam Lead", LeadAgencyId = TestUsers.AgencyId, Timescale = timescale ?? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60),
            Closed = closed,
        };
        store.PlanActions.Insert(action);
        return action;
    }

    public static RoundFixture Grading(CaseAuditApp app, DateOnly? deadline = null, string? id = null)
    {
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        EnsureAgencies(store);

        var round = new Round
        {
            Id = id ?? Round.NewId(),
            Title = "Supervision: test round",
            TemplateId = "supervision",
            TemplateVersion = "1.0",
            PeriodFrom = new DateOnly(2026, 1, 1),
            PeriodTo = new DateOnly(2026, 6, 30),
            GradingDeadline = deadline ?? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10),
            AgencyIds = [TestUsers.AgencyId, TestUsers.OtherAgencyId],
            Status = RoundStatus.Grading,
        };
        var sampled = new SampledCase
        {
            RoundId = round.Id, Reference = "NS-2026-001", AgeBand = "5–11", Level = "Child in need", Categories = ["Emotional"],
            AgencyIds = [TestUsers.AgencyId, TestUsers.OtherAgencyId],
        };
        var police = new AgencyReturn { Id = AgencyReturn.KeyOf(sampled.Id, TestUsers.AgencyId), RoundId = round.Id, CaseId = sampled.Id, AgencyId = TestUsers.AgencyId };
        var health = new AgencyReturn { Id = AgencyReturn.KeyOf(sampled.Id, TestUsers.OtherAgencyId), RoundId = round.Id, CaseId = sampled.Id, AgencyId = TestUsers.OtherAgencyId };
        var concern = new SafeguardingConcern
        {
            RoundId = round.Id, CaseId = sampled.Id, AgencyId = TestUsers.AgencyId, WhatWasSeen = "Records show no visit for a month.",
            ActionTaken = "Referral made to the front door.", RaisedBy = "someone", RaisedAt = DateTime.UtcNow,
        };
        store.Rounds.Insert(round);
        store.Cases.Insert(sampled);
        store.Returns.InsertBulk([police, health]);
        store.Concerns.Insert(concern);
        return new RoundFixture(round, sampled, police, health, concern);
    }
}
