using CaseAudit.Web.Data;

namespace CaseAudit.Web.Identity;

// "Last signed in" for the Admin's list of people, written the same way whichever step
// (password, authenticator code, recovery code) completed the sign-in.
public sealed class SignInRecords(CaseAuditStore store, TimeProvider clock)
{
    public void Record(CaseAuditUser user) => LiteDbUserStore.RecordSignIn(store, user.Id, clock.GetUtcNow().UtcDateTime);
}
