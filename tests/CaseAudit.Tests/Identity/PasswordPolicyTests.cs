using CaseAudit.Web.Identity;
using static CaseAudit.Tests.Identity.IdentityHarness;

namespace CaseAudit.Tests.Identity;

public sealed class PasswordPolicyTests : IDisposable
{
    private readonly IdentityHarness _identity = new();

    public void Dispose() => _identity.Dispose();

    [Theory]
    [InlineData("Password123!")]
    [InlineData("qwertyuiop12")]
    [InlineData("P@ssw0rd2024")]
    [InlineData("123456789012")]
    [InlineData("monkeymonkey")]
    [InlineData("!!Liverpool2025")]
    [InlineData("Safeguarding1")]
    public async Task A_common_password_padded_to_length_is_refused(string password)
    {
        var result = await _identity.Users.CreateAsync(new CaseAuditUser { UserName = "sam.patel" }, password);

        Assert.Contains(result.Errors, e => e.Code == "PasswordTooCommon");
        Assert.Equal(0, _identity.Store.Users.Count());
    }

    [Theory]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("abababababab")]
    [InlineData("xyzxyzxyzxyz")]
    public async Task One_character_or_a_short_pattern_repeated_is_refused(string password)
    {
        var result = await _identity.Users.CreateAsync(new CaseAuditUser { UserName = "sam.patel" }, password);

        Assert.Contains(result.Errors, e => e.Code == "PasswordRepeatsCharacters");
    }

    [Fact]
    public async Task A_password_containing_the_user_name_is_refused()
    {
        var result = await _identity.Users.CreateAsync(new CaseAuditUser { UserName = "sam.patel" }, "violet-SAM.PATEL-kettle");

        var error = Assert.Single(result.Errors);
        Assert.Equal("PasswordContainsUserName", error.Code);
    }

    [Fact]
    public async Task A_password_shorter_than_twelve_characters_is_refused()
    {
        var result = await _identity.Users.CreateAsync(new CaseAuditUser { UserName = "sam.patel" }, "violet kett");

        var error = Assert.Single(result.Errors);
        Assert.Equal("PasswordTooShort", error.Code);
    }

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("violetkettlemoon")]
    [InlineData("Tr4mline-Orchard-Ferry")]
    public async Task A_long_uncommon_password_is_accepted_without_digits_or_symbols_being_required(string password)
    {
        var result = await _identity.Users.CreateAsync(new CaseAuditUser { UserName = "sam.patel" }, password);

        AssertSucceeded(result);
    }

    [Fact]
    public void The_embedded_list_loads_with_a_few_hundred_entries()
    {
        Assert.InRange(CommonPasswordValidator.CommonPasswords.Count, 300, 2000);
        Assert.Contains("password", CommonPasswordValidator.CommonPasswords);
        Assert.DoesNotContain(CommonPasswordValidator.CommonPasswords, w => w.StartsWith('#'));
    }
}
