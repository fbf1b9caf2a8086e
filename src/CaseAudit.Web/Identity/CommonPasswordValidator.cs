using System.Reflection;
using Microsoft.AspNetCore.Identity;

namespace CaseAudit.Web.Identity;

// Refuses the passwords an attacker tries first. NCSC and NIST both advise a minimum length
// plus a check against known-bad passwords instead of composition rules ("one digit, one
// symbol"), which mostly produce "Password1!". The length rule lives in IdentitySetup.
public sealed class CommonPasswordValidator : IPasswordValidator<CaseAuditUser>
{
    private static readonly Lazy<HashSet<string>> Common = new(LoadList);

    public static IReadOnlySet<string> CommonPasswords => Common.Value;

    public async Task<IdentityResult> ValidateAsync(UserManager<CaseAuditUser> manager, CaseAuditUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            // The built-in length validator reports an empty password; nothing to add here.
            return IdentityResult.Success;
        }

        var errors = new List<IdentityError>();
        if (IsCommon(password))
        {
            errors.Add(new IdentityError
            {
                Code = "PasswordTooCommon",
                Description = "This password is one of the most common and easy to guess. Try three random words together.",
            });
        }

        var userName = await manager.GetUserNameAsync(user) ?? user.UserName;
        // Two-letter names would refuse far too many good passwords and add little.
        if (userName is { Length: >= 3 } && password.Contains(userName, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new IdentityError
            {
                Code = "PasswordContainsUserName",
                Description = "Your password must not contain your user name.",
            });
        }

        if (RepeatsAShortPattern(password))
        {
            errors.Add(new IdentityError
            {
                Code = "PasswordRepeatsCharacters",
                Description = "Your password must not be one character, or the same two or three characters, repeated.",
            });
        }

        return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
    }

    // People meet a length rule by padding a common word: "Password123!", "qwertyuiop12",
    // "P@ssw0rd2024", "monkeymonkey". So the list is checked against the password itself and
    // against its core with the padding, the letter swaps and the doubling taken away.
    public static bool IsCommon(string password)
    {
        var lower = password.ToLowerInvariant();
        var trailingRemoved = lower.TrimEnd(NotALetter);
        var core = trailingRemoved.TrimStart(NotALetter);
        string[] candidates = [lower, trailingRemoved, core, Unleet(core)];
        return candidates.Any(c => c.Length > 0 && (Common.Value.Contains(c) || IsRepeatedCommonWord(c)));
    }

    private static bool IsRepeatedCommonWord(string candidate)
    {
        for (var period = 1; period <= candidate.Length / 2; period++)
        {
            if (candidate.Length % period == 0 && IsRepetitionOf(candidate, period) && Common.Value.Contains(candidate[..period]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool RepeatsAShortPattern(string password)
    {
        for (var period = 1; period <= Math.Min(3, password.Length - 1); period++)
        {
            if (IsRepetitionOf(password, period))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsRepetitionOf(string text, int period)
    {
        for (var i = period; i < text.Length; i++)
        {
            if (text[i] != text[i - period])
            {
                return false;
            }
        }

        return true;
    }

    private static readonly char[] NotALetter = [.. Enumerable.Range(0x20, 0x7F - 0x20).Select(i => (char)i).Where(c => !char.IsLetter(c))];

    private static string Unleet(string text) => new([.. text.Select(c => c switch
    {
        '0' => 'o',
        '1' or '!' or '|' => 'i',
        '3' => 'e',
        '4' or '@' => 'a',
        '5' or '$' => 's',
        '7' or '+' => 't',
        '8' => 'b',
        _ => c,
    })]);

    private static HashSet<string> LoadList()
    {
        const string name = "CaseAudit.Web.Identity.common-passwords.txt";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource {name} is missing; check CaseAudit.Web.csproj.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            var word = line.Trim();
            if (word.Length > 0 && !word.StartsWith('#'))
            {
                words.Add(word);
            }
        }

        return words;
    }
}
