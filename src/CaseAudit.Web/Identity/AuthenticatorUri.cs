using QRCoder;

namespace CaseAudit.Web.Identity;

// What an authenticator app needs to set up a CaseAudit account: the otpauth:// URI (as a QR
// code to scan) and the same key formatted for typing in by hand.
public static class AuthenticatorUri
{
    public const string Issuer = "CaseAudit";

    // Key URI format (github.com/google/google-authenticator/wiki/Key-Uri-Format): the issuer
    // is both the label prefix and a parameter, because apps differ in which one they read.
    // EscapeDataString gives %20 for spaces, which the apps accept ("+" is shown literally).
    public static string For(string userName, string unformattedKey)
    {
        var issuer = Uri.EscapeDataString(Issuer);
        var key = new string([.. unformattedKey.Where(c => !char.IsWhiteSpace(c) && c != '-')]).ToUpperInvariant();
        return $"otpauth://totp/{issuer}:{Uri.EscapeDataString(userName)}?secret={key}&issuer={issuer}&digits=6";
    }

    // SVG, not PNG: no System.Drawing (GDI+ is not on Linux), scales crisply and can be inlined
    // in the page. ECC level Q survives a screen's glare; the viewBox lets CSS set the size.
    public static string QrSvg(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        var svg = new SvgQRCode(data).GetGraphic(4, "#0b0c0c", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
        // Screen-reader users cannot scan it, so say what it is; the typed key is the alternative.
        return svg.Replace("<svg ", "<svg role=\"img\" aria-label=\"QR code to scan with your authenticator app\" ", StringComparison.Ordinal);
    }

    // "JBSWY3DPEHPK3PXP" → "jbsw y3dp ehpk 3pxp": groups of four are easier to read out and
    // type; authenticator apps ignore spaces and case.
    public static string FormatKey(string key)
    {
        var clean = new string([.. key.Where(c => !char.IsWhiteSpace(c))]).ToLowerInvariant();
        return string.Join(' ', clean.Chunk(4).Select(chunk => new string(chunk)));
    }
}
