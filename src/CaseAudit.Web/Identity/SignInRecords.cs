using CaseAudit.Web.Data;

namespace CaseAudit.Web.Identity;

// "Last signed in" for the Admin's list of people, written the same way whichever step
// (password, authenticator code, recovery code) completed the sign-in. Bumping the concurrency
// stamp for it would tell an Admin who has the person open that "someone else changed this
// user" when nobody changed anything they can edit, so this writes the one field only.
public sealed class SignInRecords(Writer writer)
{
    public Task RecordAsync(CaseAuditUser user) => writer.WriteAsync(change =>
    {
        if (change.Store.Users.FindById(user.Id) is { } stored)
        {
            stored.LastSignInAt = change.Now;
            change.Store.Users.Update(stored);
        }
    });
}
