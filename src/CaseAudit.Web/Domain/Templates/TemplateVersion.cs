using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CaseAudit.Web.Domain.Templates;

/// Template versions are dotted numbers ("1.0", "2.1", "1.10"), compared part by part so
/// that 1.10 comes after 1.9.
public static class TemplateVersion
{
    public static bool IsValid(string version) =>
        version.Length <= 20 && version.Split('.') is { Length: >= 1 and <= 4 } parts
        && parts.All(p => p.Length is >= 1 and <= 6 && p.All(char.IsAsciiDigit));

    public static int Compare(string a, string b)
    {
        var left = Parts(a);
        var right = Parts(b);
        for (var i = 0; i < Math.Max(left.Length, right.Length); i++)
        {
            var l = i < left.Length ? left[i] : 0;
            var r = i < right.Length ? right[i] : 0;
            if (l != r)
            {
                return l.CompareTo(r);
            }
        }

        return 0;
    }

    private static int[] Parts(string version) =>
        version.Split('.').Select(p => int.TryParse(p, out var n) ? n : 0).ToArray();

    /// A fingerprint of what a template says, not how its file is laid out: comments and
    /// formatting may change within a version, questions and wording may not.
    public static string Fingerprint(AuditTemplate template)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(template);
        return Convert.ToHexStringLower(SHA256.HashData(json));
    }
}
