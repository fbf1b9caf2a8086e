using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Identity;
using Microsoft.AspNetCore.Identity;

namespace CaseAudit.Benchmarks;

public sealed record LoadAuditor(string UserName, string ReturnId);

/// QuestionIds: the template's first section's, saved on its own page (SectionId); a save goes
/// on to NextSectionId.
public sealed record LoadPeople(string Coordinator, IReadOnlyList<LoadAuditor> Auditors, string FindingsRoundId, string SectionId, string NextSectionId,
    IReadOnlyList<string> QuestionIds, IReadOnlyList<string> Grades);

// What the served-pages measures need, added to a copy of the synthetic partnership before the
// app opens it: a Coordinator, 4 auditors in each of its 8 agencies, and a grading round on its
// 30-question template with 4 cases, so each of the 32 auditors has a return of their own.
// Written as the demo writes its people (one transaction through the writer, with an audit entry).
public static class LoadData
{
    public const string Password = "benchmark-load-only-password";
    public const string RoundId = "load-r1";
    public const int AuditorsPerAgency = 4;

    public static LoadPeople Prepare(string dataFile)
    {
        using var partnership = SyntheticPartnership.Open(dataFile, readOnly: false);
        var store = partnership.Store;
        var normalizer = new UpperInvariantLookupNormalizer();
        // One hash for every account: each is checked once at sign-in, and hashing 33 (PBKDF2)
        // would only slow the set-up.
        var hash = new PasswordHasher<CaseAuditUser>().HashPassword(new CaseAuditUser(), Password);
        CaseAuditUser Person(string userName, string role, string? agency) => new()
        {
            UserName = userName,
            NormalizedUserName = normalizer.NormalizeName(userName),
            DisplayName = userName,
            Roles = [role],
            AgencyId = agency,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            PasswordHash = hash,
        };

        var coordinator = Person("load.coordinator", Roles.Coordinator, null);
        var agencies = partnership.Agencies.Select(a => a.Id).ToList();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var round = new Round
        {
            Id = RoundId,
            Title = "Load round (benchmarks)",
            TemplateId = partnership.Template.Id,
            TemplateVersion = partnership.Template.Version,
            PeriodFrom = today.AddMonths(-4),
            PeriodTo = today.AddMonths(-1),
            GradingDeadline = today.AddDays(30),
            AgencyIds = agencies,
            Status = RoundStatus.Grading,
            History = [new(RoundStatus.Draft, RoundStatus.Grading, DateTime.UtcNow, coordinator.UserName, null)],
            CreatedAt = DateTime.UtcNow,
            CreatedBy = coordinator.UserName,
            Version = 2,
        };
        var cases = Enumerable.Range(1, AuditorsPerAgency).Select(i => new SampledCase
        {
            Id = $"{RoundId}-c{i}",
            RoundId = RoundId,
            Reference = $"LD-{today.Year}-{i:000}",
            AgeBand = CaseFacts.AgeBands[i % CaseFacts.AgeBands.Count],
            Level = "Child protection",
            Categories = ["Physical"],
            AgencyIds = [.. agencies],
        }).ToList();
        var returns = cases.SelectMany(c => agencies.Select(a => new AgencyReturn { Id = AgencyReturn.KeyOf(c.Id, a), RoundId = RoundId, CaseId = c.Id, AgencyId = a })).ToList();
        // Auditor i of an agency grades case i for it.
        var auditors = agencies.SelectMany(a => Enumerable.Range(1, AuditorsPerAgency).Select(i => (User: Person($"load.auditor.{a}.{i}", Roles.Auditor, a), Return: AgencyReturn.KeyOf($"{RoundId}-c{i}", a)))).ToList();

        partnership.Writer.Write(change =>
        {
            store.Users.InsertBulk([coordinator, .. auditors.Select(x => x.User)]);
            store.Rounds.Insert(round);
            store.Cases.InsertBulk(cases);
            store.Returns.InsertBulk(returns);
            change.Audit(new AuditEvent("synthetic.load-created", $"Load round and {auditors.Count + 1} people written for benchmarks", null, AuditEvent.SystemActor, Subject: $"round:{RoundId}"));
        });

        var sections = partnership.Template.Sections;
        return new LoadPeople(coordinator.UserName, auditors.Select(x => new LoadAuditor(x.User.UserName, x.Return)).ToList(),
            partnership.Rounds[^1].Id, sections[0].Id, sections[1].Id, sections[0].Questions.Select(q => q.Id).ToList(), partnership.Template.Scale.Options);
    }
}
