using CaseAudit.Web.Identity;

namespace CaseAudit.Web.Email;

/// One kind of email as Your account → Emails offers it to one person.
public sealed record EmailChoice(EmailKindInfo Info, bool On, bool CanTurnOff);

/// Which emails a person is offered and which they have on: the kinds for their roles, each on
/// unless they turned it off. Kinds not for their roles keep whatever was chosen before, so a
/// role taken away and given back remembers the choice.
public static class EmailChoices
{
    public static IReadOnlyList<EmailChoice> For(CaseAuditUser person) =>
        [.. EmailKindInfo.All.Where(k => k.IsFor(person))
            .Select(k => new EmailChoice(k, EmailKindInfo.Wants(person, k.Kind), EmailKindInfo.CanTurnOff(k.Kind, person)))];

    /// The kinds turned off once the person has ticked these names. Unknown names, and kinds
    /// the person cannot turn off (a Coordinator's concern alerts), are ignored.
    public static List<EmailKind> OffAfter(CaseAuditUser person, IEnumerable<string?> ticked)
    {
        var on = ticked.OfType<string>().ToHashSet(StringComparer.Ordinal);
        var offered = For(person).Where(c => c.CanTurnOff).Select(c => c.Info.Kind).ToList();
        return [.. person.EmailsOff.Where(k => !offered.Contains(k)).Concat(offered.Where(k => !on.Contains(k.ToString()))).Distinct().Order()];
    }

    /// What Your account shows in its summary.
    public static string Summary(CaseAuditUser person)
    {
        if (string.IsNullOrWhiteSpace(person.Email))
        {
            return "No email address";
        }

        var choices = For(person);
        var on = choices.Count(c => c.On);
        return on == choices.Count ? "All on" : $"{on} of {choices.Count} on";
    }

    /// Why a kind the person cannot turn off is not a checkbox.
    public static string Always(EmailKindInfo info) => info.Kind == EmailKind.ConcernAlert
        ? "You always get immediate safeguarding concern alerts because you coordinate audits: a child may be at risk now."
        : $"You always get \"{info.Name}\" emails.";

    public static string Names(IEnumerable<EmailKind> kinds) =>
        kinds.Any() ? string.Join(", ", kinds.Select(k => EmailKindInfo.Of(k).Name)) : "none";
}
