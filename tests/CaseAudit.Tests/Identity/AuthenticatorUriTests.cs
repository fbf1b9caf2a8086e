using System.Xml.Linq;
using CaseAudit.Web.Identity;

namespace CaseAudit.Tests.Identity;

public sealed class AuthenticatorUriTests
{
    [Fact]
    public void The_otpauth_uri_names_the_issuer_and_escapes_the_account()
    {
        var uri = AuthenticatorUri.For("sam patel@police+qa", "jbsw y3dp ehpk 3pxp");

        Assert.Equal("otpauth://totp/CaseAudit:sam%20patel%40police%2Bqa?secret=JBSWY3DPEHPK3PXP&issuer=CaseAudit&digits=6", uri);
        var parsed = new Uri(uri);
        Assert.Equal("otpauth", parsed.Scheme);
        Assert.Equal("/CaseAudit:sam patel@police+qa", Uri.UnescapeDataString(parsed.AbsolutePath));
    }

    [Fact]
    public void The_qr_code_is_an_svg_document_with_modules_and_an_accessible_name()
    {
        var svg = AuthenticatorUri.QrSvg(AuthenticatorUri.For("sam.patel", "JBSWY3DPEHPK3PXP"));

        var document = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", document.Root!.Name);
        Assert.NotNull(document.Root.Attribute("viewBox"));
        Assert.Equal("img", document.Root.Attribute("role")?.Value);
        Assert.False(string.IsNullOrEmpty(document.Root.Attribute("aria-label")?.Value));
        Assert.True(document.Root.Descendants().Count() > 50);
    }

    [Fact]
    public void A_longer_uri_makes_a_bigger_qr_code()
    {
        // Guards against the SVG being a fixed picture unrelated to the URI.
        var small = XDocument.Parse(AuthenticatorUri.QrSvg("otpauth://totp/CaseAudit:a?secret=JBSWY3DP"));
        var large = XDocument.Parse(AuthenticatorUri.QrSvg(AuthenticatorUri.For(new string('a', 120), "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")));

        Assert.NotEqual(small.Root!.Attribute("viewBox")!.Value, large.Root!.Attribute("viewBox")!.Value);
    }

    [Theory]
    [InlineData("JBSWY3DPEHPK3PXP", "jbsw y3dp ehpk 3pxp")]
    [InlineData("JBSWY3DPEHPK3PXPAB", "jbsw y3dp ehpk 3pxp ab")]
    [InlineData("jbsw y3dp", "jbsw y3dp")]
    public void The_key_is_shown_in_lower_case_groups_of_four(string key, string shown)
    {
        Assert.Equal(shown, AuthenticatorUri.FormatKey(key));
    }
}
