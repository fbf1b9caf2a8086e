using System.Security.Cryptography;
using System.Threading.RateLimiting;
using CaseAudit.Web.Data;

namespace CaseAudit.Web.Security;

// The per-account half of the sign-in limit (the per-client half is the "sign-in" rate-limit
// policy). Keyed by the normalised user name, real or not, so guessing at one account slows
// only that account and a shared address (everyone behind the proxy) is not punished for it.
public sealed class AccountSignInLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public AccountSignInLimiter(SecuritySettings settings) =>
        _limiter = PartitionedRateLimiter.Create<string, string>(name => RateLimitPartition.GetFixedWindowLimiter(name, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.SignInAttemptsPerAccountPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public bool TryAttempt(string normalizedUserName)
    {
        using var lease = _limiter.AttemptAcquire(normalizedUserName);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}

// A refused sign-in must cost what a wrong password costs, or the response time tells a guesser
// which user names exist (or are deactivated or locked). Identity skips the hash in those cases,
// so this checks the attempt against a hash no password matches, made by the same hasher.
public static class DummyPasswordCheck
{
    private static string? s_hash;

    public static void Run(Microsoft.AspNetCore.Identity.IPasswordHasher<Identity.CaseAuditUser> hasher, string password)
    {
        var user = new Identity.CaseAuditUser();
        s_hash ??= hasher.HashPassword(user, Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
        hasher.VerifyHashedPassword(user, s_hash, password);
    }
}

public sealed class RevokedSession
{
    public string Id { get; set; } = "";

    public DateTime RevokedAt { get; set; }
}

// Signing out must make the cookie useless even if a copy of it survives (a shared computer, a
// proxy log). Each sign-in gets a random session id inside the protected cookie; sign-out lists
// it here and every request checks the list. Only this session ends: the person's other
// devices stay signed in, and the user record (with its concurrency stamp) is not touched.
public sealed class SessionRevocations(CaseAuditStore store, Writer writer)
{
    public const string SessionKey = "caseaudit.session";

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public bool IsRevoked(string sessionId) => store.RevokedSessions.FindById(sessionId) is not null;

    /// The session's end and the sign-out's audit entry are one write.
    public Task RevokeAsync(string sessionId, AuditEvent signOut) => writer.WriteAsync(change =>
    {
        change.Store.RevokedSessions.Upsert(new RevokedSession { Id = sessionId, RevokedAt = change.Now });
        // Past the absolute session lifetime the cookie is refused anyway, so the list stays short.
        var expired = change.Now - SecuritySetup.AbsoluteTimeout;
        change.Store.RevokedSessions.DeleteMany(s => s.RevokedAt < expired);
        change.Audit(signOut);
    });
}
