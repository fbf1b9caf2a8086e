using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Actions;
using CaseAudit.Web.Domain.Rounds;

namespace CaseAudit.Web.Rounds;

public static class ThemeActions
{
    public static List<PlanAction> ForBoard(this CaseAuditStore store, Round round) =>
        BoardActions.For(
            round,
            store.Rounds.Find(r => r.TemplateId == round.TemplateId).ToList(),
            store.PlanActions.Find(a => a.TemplateId == round.TemplateId).ToList());
}
