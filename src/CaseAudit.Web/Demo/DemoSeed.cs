using CaseAudit.Web.Actions;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain;
using CaseAudit.Web.Email;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Moderation;
using CaseAudit.Web.Returns;
using CaseAudit.Web.Rounds;
using CaseAudit.Web.Security;
using CaseAudit.Web.Templates;
using Microsoft.AspNetCore.Identity;

namespace CaseAudit.Web.Demo;

/// Creates the demo on a new data file in Development: the partnership's agencies and people,
/// then its rounds (DemoRounds.cs), every change made by the desk the pages use, as one of the
/// demo's people, at the moment the story says (see DemoClock), and refused loudly if a desk
/// refuses it. Nothing is inserted by hand, so what the demo shows is what the app can produce.
public sealed partial class DemoSeed
{
    private readonly CaseAuditStore _store;
    private readonly DemoStory _story;
    private readonly DemoClock _clock;
    private readonly List<Step> _steps = [];
    private readonly Dictionary<string, Actor> _people = [];

    private readonly LiteDbUserStore _users;
    private readonly AgencyDesk _agencies;
    private readonly RoundPlanner _planner;
    private readonly ReturnDesk _returns;
    private readonly ConcernDesk _concerns;
    private readonly PanelDesk _panel;
    private readonly LearningDesk _learning;
    private readonly ActionDesk _actions;

    private sealed record Step(DateTime At, int Order, Func<Task> Run);

    private DemoSeed(CaseAuditStore store, TemplateLibrary templates, Writer writer, DemoClock clock, DemoStory story)
    {
        _store = store;
        _story = story;
        _clock = clock;
        _users = new LiteDbUserStore(store, writer);
        _agencies = new AgencyDesk(writer);
        _planner = new RoundPlanner(store, writer, new RoundFindingsReader(store, templates), Notices.Silent);
        _returns = new ReturnDesk(writer);
        _concerns = new ConcernDesk(writer, Notices.Silent);
        _panel = new PanelDesk(store, writer);
        _learning = new LearningDesk(writer);
        _actions = new ActionDesk(store, writer, Notices.Silent);
    }

    /// The demo, on a data file with no people, agencies or rounds yet; null (and nothing
    /// written) on any other. Otherwise what was created, in a sentence for the console.
    /// `writer` is the app's own: it records, at the real time, that the demo was seeded.
    public static async Task<string?> SeedIfNewAsync(
        CaseAuditStore store, Writer writer, TemplateLibrary templates, IPasswordHasher<CaseAuditUser> hasher, ILookupNormalizer normalizer, TimeProvider clock)
    {
        // One process holds the data file (DataFileLock), so nothing else writes meanwhile.
        if (store.Users.Count() > 0 || store.Agencies.Count() > 0 || store.Rounds.Count() > 0)
        {
            return null;
        }

        var story = DemoPartnership.Story;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var demoClock = new DemoClock(clock);
        int changes;
        string rounds;
        using (var demoWriter = new Writer(store, demoClock))
        {
            var seed = new DemoSeed(store, templates, demoWriter, demoClock, story);
            seed.Partnership(DemoRounds.PartnershipSetUp(today), hasher, normalizer);
            rounds = templates.Find(story.Published.Template, null) is { } stored
                ? seed.Rounds(today, stored, templates.Parse(stored))
                // A developer pointing Development at their own templates folder gets the people only.
                : "no rounds (the use-of-history template is not in the templates folder)";
            changes = seed._steps.Count;
            await seed.RunAsync();
        }

        var summary = $"Demo partnership created: {story.Agencies.Count} agencies, {story.People.Count} people, {rounds}";
        await writer.WriteAsync(change => change.Audit(new AuditEvent("demo.seeded",
            $"{summary}. The {changes} changes before this entry were made through the app's own desks as the demo's people, dated as the demo's story tells it.",
            null, AuditEvent.SystemActor)));
        return summary;
    }

    private async Task RunAsync()
    {
        foreach (var step in _steps.OrderBy(s => s.At).ThenBy(s => s.Order))
        {
            _clock.Set(step.At);
            await step.Run();
        }
    }

    private void Do(DateTime at, Func<Task> run) => _steps.Add(new Step(at, _steps.Count, run));

    private Actor Person(string userName) => _people[userName];

    private static void Ok(string? refusal, string what)
    {
        if (refusal is not null)
        {
            throw new InvalidOperationException($"The demo could not {what}: {refusal}");
        }
    }

    /// The first Admin as the setup page creates them, then the agencies and everyone else as
    /// that Admin adds them on the Admin pages (agencies first: an Auditor needs theirs).
    private void Partnership(DateTime at, IPasswordHasher<CaseAuditUser> hasher, ILookupNormalizer normalizer)
    {
        // Every demo account has the same password, printed in the README, so one hash serves
        // them all: PBKDF2 is by design the slowest part of creating the demo, and a salt per
        // account protects nothing for a password everyone is told.
        var passwordHash = hasher.HashPassword(new CaseAuditUser(), DemoPartnership.Password);
        var people = _story.People.Select(p =>
        {
            var user = new CaseAuditUser
            {
                UserName = p.UserName,
                NormalizedUserName = normalizer.NormalizeName(p.UserName),
                DisplayName = p.DisplayName,
                Roles = [.. p.Roles],
                AgencyId = p.AgencyId,
                Email = p.Email,
                NormalizedEmail = p.Email is null ? null : normalizer.NormalizeEmail(p.Email),
                SecurityStamp = Guid.NewGuid().ToString("N"),
            };
            user.PasswordHash = passwordHash;
            _people[user.UserName] = new Actor(user.Id, user.UserName, user.AgencyId);
            return user;
        }).ToList();

        var admin = people.First(u => u.Roles.Contains(Roles.Admin));
        var by = Person(admin.UserName);
        admin.AuditWithNextSave.Add(by.Did("user.created", $"First administrator {admin.UserName} created at setup", AuditActor.UserSubject(admin),
            after: new { admin.UserName, admin.DisplayName, admin.Roles }));
        Do(at, () => CreateUserAsync(admin));

        foreach (var (agency, i) in _story.Agencies.Select((a, i) => (a, i)))
        {
            Do(at.AddMinutes(5 + i), async () => Ok(
                await _agencies.AddAsync(new Agency { Id = agency.Id, Name = agency.Name, ShortName = agency.ShortName, Active = true }, by),
                $"add the agency {agency.Id}"));
        }

        foreach (var (user, i) in people.Where(u => u != admin).Select((u, i) => (u, i)))
        {
            user.AuditWithNextSave.Add(by.Did("user.created", $"User {user.UserName} ({user.DisplayName}) created as {string.Join(", ", user.Roles)}",
                AuditActor.UserSubject(user), after: new { user.UserName, user.DisplayName, user.Roles, user.AgencyId }));
            Do(at.AddMinutes(20 + (2 * i)), () => CreateUserAsync(user));
        }
    }

    private async Task CreateUserAsync(CaseAuditUser user)
    {
        var result = await _users.CreateAsync(user, CancellationToken.None);
        Ok(result.Succeeded ? null : string.Join(" ", result.Errors.Select(e => e.Description)), $"create the user {user.UserName}");
    }
}
