using System.Collections.Concurrent;
using System.Text;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Templates;
using LiteDB;

namespace CaseAudit.Web.Templates;

public enum PublishResult
{
    Refused,
    Published,
    AlreadyPublished,
}

public sealed record PublishOutcome(PublishResult Result, IReadOnlyList<TemplateProblem> Problems, StoredTemplateVersion? Version);

/// The catalogue of templates: the shipped files in audit-templates/ and uploaded versions,
/// every version kept in the data file.
public sealed class TemplateLibrary(CaseAuditStore store, Writer writer)
{
    public const string Shipped = "shipped";
    public const string Uploaded = "uploaded";

    private readonly ConcurrentDictionary<string, AuditTemplate> _parsed = new();

    /// Checks every shipped template and records versions not seen before, all or nothing:
    /// if any file is invalid, or changes a published version, nothing is recorded and the
    /// problems are returned so the app can refuse to start.
    public IReadOnlyList<TemplateProblem> PublishShipped(string folder)
    {
        var files = TemplateFiles.Read([folder], Environment.CurrentDirectory);
        return writer.Write<IReadOnlyList<TemplateProblem>>(change =>
        {
            var problems = files.Problems.Concat(files.Valid.SelectMany(f => CheckAgainstPublished(f.Read, f.DisplayName))).ToList();
            if (problems.Count > 0)
            {
                return problems;
            }

            var fresh = files.Valid
                .Where(f => store.TemplateVersions.FindById(StoredTemplateVersion.KeyOf(f.Read.Template!.Id, f.Read.Template.Version)) is null)
                .Select(f => ToStored(f.Read.Template!, f.Text, Path.GetFileName(f.Path), Shipped, "CaseAudit (shipped template)", change.Now))
                .ToList();
            store.TemplateVersions.InsertBulk(fresh);
            foreach (var v in fresh)
            {
                change.Audit(Published(v, $"Shipped template '{v.Title}' version {v.Version} recorded", Actor.System));
            }

            return [];
        });
    }

    /// `uploader` is the audit event of the person uploading (from the request); the library
    /// fills in what was published. The file is read before it reaches the writer; whether its
    /// version is new is decided inside it, so two people publishing at once cannot both win.
    public Task<PublishOutcome> PublishUploadAsync(string fileName, byte[] content, Actor uploader)
    {
        var read = TemplateReader.Read(fileName, content);
        if (!read.IsValid)
        {
            return Task.FromResult(new PublishOutcome(PublishResult.Refused, read.Problems, null));
        }

        var template = read.Template!;
        var text = Encoding.UTF8.GetString(content).TrimStart('\uFEFF');
        return writer.WriteAsync(change =>
        {
            var existing = store.TemplateVersions.FindById(StoredTemplateVersion.KeyOf(template.Id, template.Version));
            if (TemplateVersionRule.CheckAgainstPublished(read, existing?.Fingerprint, fileName) is { } bump)
            {
                return new PublishOutcome(PublishResult.Refused, [bump], null);
            }

            if (existing is not null)
            {
                return new PublishOutcome(PublishResult.AlreadyPublished, [], existing);
            }

            var stored = ToStored(template, text, fileName, Uploaded, uploader.Name, change.Now);
            store.TemplateVersions.Insert(stored);
            change.Audit(Published(stored, $"Uploaded template '{stored.Title}' version {stored.Version} published", uploader));
            return new PublishOutcome(PublishResult.Published, [], stored);
        });
    }

    /// The newest version of each template, in title order.
    public IReadOnlyList<StoredTemplateVersion> Catalogue() =>
        store.TemplateVersions.FindAll()
            .GroupBy(v => v.TemplateId)
            .Select(g => g.OrderByDescending(v => v.Version, VersionComparer).First())
            .OrderBy(v => v.Title, StringComparer.CurrentCultureIgnoreCase)
            .ToList();

    /// Every version of one template, newest first.
    public IReadOnlyList<StoredTemplateVersion> History(string templateId) =>
        store.TemplateVersions.Find(v => v.TemplateId == templateId)
            .OrderByDescending(v => v.Version, VersionComparer)
            .ToList();

    public StoredTemplateVersion? Find(string templateId, string? version) =>
        version is null
            ? History(templateId).FirstOrDefault()
            : store.TemplateVersions.FindById(StoredTemplateVersion.KeyOf(templateId, version));

    /// The parsed template a round was graded against, or null when that version is not stored.
    /// Every return and moderation page asks for it; once parsed it is answered from memory,
    /// without reading the stored YAML again.
    public AuditTemplate? TemplateOf(string templateId, string version) =>
        _parsed.TryGetValue(StoredTemplateVersion.KeyOf(templateId, version), out var parsed) ? parsed
        : Find(templateId, version) is { } stored ? Parse(stored) : null;

    /// Stored versions never change, so each is parsed once.
    public AuditTemplate Parse(StoredTemplateVersion stored) =>
        _parsed.GetOrAdd(stored.Id, _ => TemplateReader.Read(stored.FileName, stored.Yaml).Template
            ?? throw new InvalidOperationException($"Stored template {stored.Id} no longer reads; stored versions are validated before they are kept."));

    private IEnumerable<TemplateProblem> CheckAgainstPublished(TemplateReadResult read, string file)
    {
        var template = read.Template!;
        var existing = store.TemplateVersions.FindById(StoredTemplateVersion.KeyOf(template.Id, template.Version));
        return TemplateVersionRule.CheckAgainstPublished(read, existing?.Fingerprint, file) is { } problem ? [problem] : [];
    }

    private static AuditEvent Published(StoredTemplateVersion v, string summary, Actor by) => by.Did(
        type: "template.published",
        summary: summary,
        subject: $"template:{v.Id}",
        after: new { v.TemplateId, v.Version, v.Title, v.Origin, v.FileName, v.Fingerprint });

    private static readonly Comparer<string> VersionComparer = Comparer<string>.Create(TemplateVersion.Compare);

    private static StoredTemplateVersion ToStored(AuditTemplate template, string yaml, string fileName, string origin, string by, DateTime at) => new()
    {
        Id = StoredTemplateVersion.KeyOf(template.Id, template.Version),
        TemplateId = template.Id,
        Version = template.Version,
        Title = template.Title,
        Theme = template.Theme,
        QuestionCount = template.QuestionCount,
        ScaleName = template.Scale.Name,
        Fingerprint = TemplateVersion.Fingerprint(template),
        Yaml = yaml,
        FileName = fileName,
        Origin = origin,
        RecordedBy = by,
        RecordedAt = at,
    };
}
