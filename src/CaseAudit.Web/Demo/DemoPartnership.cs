using CaseAudit.Web.Data;
using CaseAudit.Web.Domain;
using CaseAudit.Web.Identity;
using Microsoft.AspNetCore.Identity;

namespace CaseAudit.Web.Demo;

/// A fictional partnership to explore in Development: created only when the data file is new
/// and the environment is Development, never in Production (where the first visit is /setup).
public static class DemoPartnership
{
    // Shared by every demo account and printed in the README: these accounts exist only on a
    // developer's own fresh data file.
    public const string Password = "explore-caseaudit-demo";

    public static readonly IReadOnlyList<Agency> Agencies =
    [
        new() { Id = "social-care", Name = "Northshire Children's Social Care", ShortName = "Social care" },
        new() { Id = "health", Name = "Northshire Integrated Care Board (health)", ShortName = "Health" },
        new() { Id = "police", Name = "Northshire Police", ShortName = "Police" },
        new() { Id = "education", Name = "Northshire Schools and Education", ShortName = "Education" },
        new() { Id = "early-help", Name = "Northshire Early Help", ShortName = "Early help" },
        new() { Id = "probation", Name = "Probation Service, Northshire", ShortName = "Probation" },
    ];

    public static readonly IReadOnlyList<(string UserName, string DisplayName, string[] Roles, string? AgencyId)> People =
    [
        ("demo.admin", "Alex Admin", [Roles.Admin], null),
        ("demo.coordinator", "Chris Coordinator (QA lead)", [Roles.Coordinator], null),
        ("demo.auditor.social-care", "Sam Social Care", [Roles.Auditor], "social-care"),
        ("demo.auditor.health", "Hana Health", [Roles.Auditor], "health"),
        ("demo.auditor.police", "Pat Police", [Roles.Auditor], "police"),
        ("demo.auditor.education", "Eli Education", [Roles.Auditor], "education"),
        ("demo.board", "Bobbie Board Member", [Roles.Board], null),
    ];

    /// Writes the demo in one transaction; returns false (and writes nothing) when the data
    /// file already has people or agencies in it.
    public static bool SeedIfNew(CaseAuditStore store, IPasswordHasher<CaseAuditUser> hasher, ILookupNormalizer normalizer, Writer writer)
    {
        if (store.Users.Count() > 0 || store.Agencies.Count() > 0)
        {
            return false;
        }

        var users = People.Select(p =>
        {
            var user = new CaseAuditUser
            {
                UserName = p.UserName,
                NormalizedUserName = normalizer.NormalizeName(p.UserName),
                DisplayName = p.DisplayName,
                Roles = [.. p.Roles],
                AgencyId = p.AgencyId,
                SecurityStamp = Guid.NewGuid().ToString("N"),
            };
            user.PasswordHash = hasher.HashPassword(user, Password);
            return user;
        }).ToList();

        return writer.Write(change =>
        {
            if (store.Users.Count() > 0 || store.Agencies.Count() > 0)
            {
                return false;
            }

            store.Agencies.InsertBulk(Agencies.Select(a => new Agency { Id = a.Id, Name = a.Name, ShortName = a.ShortName, Active = true }));
            store.Users.InsertBulk(users);
            change.Audit(new AuditEvent("demo.created", $"Demo partnership created: {Agencies.Count} agencies, {users.Count} people", null, AuditEvent.SystemActor,
                After: new { agencies = Agencies.Select(a => a.Id), people = users.Select(u => u.UserName) }));
            return true;
        });
    }
}
