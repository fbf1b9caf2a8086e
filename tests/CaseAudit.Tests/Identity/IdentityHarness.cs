using CaseAudit.Web.Data;
using CaseAudit.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Identity;

// The real Identity services over a fresh LiteDB file, as the app would register them, so the
// tests exercise UserManager's policy and the store together. One file per test, deleted after.
public sealed class IdentityHarness : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "caseaudit-tests", Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _services;
    private readonly List<IServiceScope> _scopes = [];

    public IdentityHarness()
    {
        Directory.CreateDirectory(_folder);
        var services = new ServiceCollection();
        services.AddLogging();
        // A factory, not an instance, so the provider owns the store and closes the file on dispose.
        services.AddSingleton(_ => new CaseAuditStore(Path.Combine(_folder, "caseaudit.db")));
        services.AddSingleton(sp => new Writer(sp.GetRequiredService<CaseAuditStore>(), TimeProvider.System));
        services.AddCaseAuditIdentityCore();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        Users = NewUserManager();
    }

    public const string StrongPassword = "correct horse battery staple";

    public UserManager<CaseAuditUser> Users { get; }

    public CaseAuditStore Store => _services.GetRequiredService<CaseAuditStore>();

    // A second request's UserManager: its own scope and store instance, same database.
    public UserManager<CaseAuditUser> NewUserManager() => Scope().ServiceProvider.GetRequiredService<UserManager<CaseAuditUser>>();

    public T Get<T>() where T : notnull => Scope().ServiceProvider.GetRequiredService<T>();

    public async Task<CaseAuditUser> CreateUserAsync(string userName = "sam.patel", string password = StrongPassword, params string[] roles)
    {
        var user = new CaseAuditUser { UserName = userName, DisplayName = "Sam Patel" };
        AssertSucceeded(await Users.CreateAsync(user, password));
        foreach (var role in roles)
        {
            AssertSucceeded(await Users.AddToRoleAsync(user, role));
        }

        return user;
    }

    public static void AssertSucceeded(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Code}: {e.Description}")));

    private IServiceScope Scope()
    {
        var scope = _services.CreateScope();
        _scopes.Add(scope);
        return scope;
    }

    public void Dispose()
    {
        foreach (var scope in _scopes)
        {
            scope.Dispose();
        }

        // Disposing the provider disposes the singleton store, which closes the LiteDB file.
        _services.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the OS temp cleaner; it is not a test failure.
        }
    }
}
