using CaseAudit.Web.Domain.Rounds;

namespace CaseAudit.Tests.Domain.Rounds;

public sealed class CaseReferenceTests
{
    // Valid NHS numbers, worked by hand. Weights 10, 9, … 2 on the first nine digits; the check
    // digit is 11 − (sum mod 11), with 11 written as 0 and 10 never valid.
    //   943 476 5919: 9·10 + 4·9 + 3·8 + 4·7 + 7·6 + 6·5 + 5·4 + 9·3 + 1·2
    //                 = 90 + 36 + 24 + 28 + 42 + 30 + 20 + 27 + 2 = 299; 299 mod 11 = 2; 11 − 2 = 9 ✓
    //   401 023 2137: 40 + 0 + 8 + 0 + 12 + 15 + 8 + 3 + 6 = 92; 92 mod 11 = 4; 11 − 4 = 7 ✓
    //   123 456 7881: 10 + 18 + 24 + 28 + 30 + 30 + 28 + 24 + 16 = 208; 208 mod 11 = 10; 11 − 10 = 1 ✓
    //   123 456 7830: 10 + 18 + 24 + 28 + 30 + 30 + 28 + 24 + 6 = 198; 198 mod 11 = 0; 11 → 0 ✓
    //   999 999 9999: 9 · (10 + 9 + … + 2) = 9 · 54 = 486; 486 mod 11 = 2; 11 − 2 = 9 ✓
    [Theory]
    [InlineData("9434765919")]
    [InlineData("943 476 5919")]
    [InlineData("943-476-5919")]
    [InlineData("  943 476 5919  ")]
    [InlineData("4010232137")]
    [InlineData("401 023 2137")]
    [InlineData("1234567881")]
    [InlineData("123 456 7830")]
    [InlineData("9999999999")]
    [InlineData("NHS 943 476 5919")]
    [InlineData("CA-4010232137")]
    [InlineData("Ref: 943-476-5919")]
    [InlineData("NS 2024 943 476 5919")]
    [InlineData("CA/2024-401-023-2137")]
    [InlineData("943  476  5919")]
    [InlineData("943 - 476 - 5919")]
    [InlineData("2024 9434765919")]
    public void A_valid_nhs_number_is_refused_as_an_nhs_number(string reference)
    {
        var problem = CaseReference.Problem(reference);

        Assert.NotNull(problem);
        Assert.Contains("NHS number", problem);
        Assert.Contains(CaseReference.Advice, problem);
    }

    [Theory]
    [InlineData("9434765919")]
    [InlineData("4010232137")]
    [InlineData("1234567881")]
    [InlineData("1234567830")]
    [InlineData("9999999999")]
    public void The_modulus_11_check_accepts_valid_nhs_numbers(string digits) =>
        Assert.True(CaseReference.IsNhsNumber(digits));

    // Each of these is a valid number above with its check digit changed, so it fails Modulus 11.
    [Theory]
    [InlineData("9434765918")]
    [InlineData("9434765910")]
    [InlineData("943 476 5911")]
    [InlineData("4010232138")]
    [InlineData("401-023-2130")]
    [InlineData("1234567882")]
    [InlineData("9999999990")]
    [InlineData("NS 1234567831")]
    public void Ten_digits_that_fail_the_check_are_not_called_an_nhs_number(string reference)
    {
        var digits = new string(reference.Where(char.IsAsciiDigit).ToArray());

        Assert.False(CaseReference.IsNhsNumber(digits));
        // They may still be refused for another reason (a phone number, say), but not this one.
        Assert.DoesNotContain("NHS", CaseReference.Problem(reference) ?? "");
    }

    // 123 456 789x: 10 + 18 + 24 + 28 + 30 + 30 + 28 + 24 + 18 = 210; 210 mod 11 = 1; 11 − 1 = 10,
    // which no single digit can be. Likewise 000 000 006x: 6·2 = 12; 12 mod 11 = 1.
    [Theory]
    [InlineData("123456789")]
    [InlineData("000000006")]
    public void A_check_digit_of_ten_is_never_valid(string firstNine)
    {
        for (var last = 0; last <= 9; last++)
        {
            var number = $"{firstNine}{last}";
            Assert.False(CaseReference.IsNhsNumber(number), number);
            Assert.DoesNotContain("NHS", CaseReference.Problem(number) ?? "");
        }
    }

    [Theory]
    [InlineData("943 476 5919")]
    [InlineData("943-476-5919")]
    [InlineData("943476591")]
    [InlineData("94347659190")]
    [InlineData("943476591a")]
    [InlineData("")]
    public void Only_exactly_ten_digits_can_pass_the_nhs_number_check(string value) =>
        Assert.False(CaseReference.IsNhsNumber(value));

    [Theory]
    [InlineData("John Smith")]
    [InlineData("Smith")]
    [InlineData("Mary Jones 2")]
    [InlineData("Ayesha-Khan")]
    [InlineData("Smith 2024")]
    [InlineData("NS-2024-017 Jordan")]
    [InlineData("Case 12 Patel")]
    [InlineData("Baby Ahmed 3")]
    [InlineData("john smith")]
    [InlineData("KIR_Williams_4")]
    public void A_name_is_refused(string reference)
    {
        var problem = CaseReference.Problem(reference);

        Assert.NotNull(problem);
        Assert.Contains("name", problem);
    }

    [Theory]
    [InlineData("12/03/2015")]
    [InlineData("2015-03-12")]
    [InlineData("12 March 2015")]
    [InlineData("12032015")]
    [InlineData("NS-12.03.15")]
    [InlineData("12-3-2015")]
    [InlineData("1/2/16")]
    [InlineData("12 Mar 2015")]
    [InlineData("12Mar2015")]
    [InlineData("12-Mar-2015")]
    [InlineData("12-mar-2015")]
    [InlineData("12-Mar-15")]
    [InlineData("12 march 2015")]
    [InlineData("march 2015")]
    [InlineData("NS 3-jan-2016")]
    [InlineData("March 2015")]
    [InlineData("CA 20150312")]
    [InlineData("dob 1/2/2016")]
    public void A_date_is_refused_as_it_may_be_a_date_of_birth(string reference)
    {
        var problem = CaseReference.Problem(reference);

        Assert.NotNull(problem);
        Assert.Contains("date", problem);
    }

    [Theory]
    [InlineData("BD1 1AA")]
    [InlineData("sw1a2aa")]
    [InlineData("Ref M1 1AE")]
    [InlineData("SW1A 2AA")]
    [InlineData("LS6 3QW")]
    [InlineData("ec1a 1bb")]
    [InlineData("FY1 4AA case 3")]
    public void A_postcode_is_refused(string reference)
    {
        var problem = CaseReference.Problem(reference);

        Assert.NotNull(problem);
        Assert.Contains("postcode", problem);
    }

    [Theory]
    [InlineData("jo.bloggs@example.org")]
    [InlineData("ref@agency.gov.uk")]
    [InlineData("a@b")]
    [InlineData("NS-2024-017@school")]
    public void An_email_address_is_refused(string reference)
    {
        var problem = CaseReference.Problem(reference);

        Assert.NotNull(problem);
        Assert.Contains("email address", problem);
    }

    [Theory]
    [InlineData("07700 900123")]
    [InlineData("+44 7700 900123")]
    [InlineData("0113 496 0000")]
    [InlineData("07700900123")]
    [InlineData("020 7946 0018")]
    [InlineData("01632 960001")]
    [InlineData("0044 113 496 0000")]
    [InlineData("tel 0113-496-0000")]
    public void A_phone_number_is_refused(string reference)
    {
        var problem = CaseReference.Problem(reference);

        Assert.NotNull(problem);
        Assert.Contains("phone number", problem);
    }

    [Theory]
    [InlineData("NS-2024-017")]
    [InlineData("CA/0042")]
    [InlineData("KIR-17-A")]
    [InlineData("case 12")]
    [InlineData("Case 12")]
    [InlineData("REF 2024 77")]
    [InlineData("LA1234")]
    [InlineData("NS-2024-0173")]
    [InlineData("KIR_2023_004")]
    [InlineData("BPL.2024.12")]
    [InlineData("HOU-24-117")]
    [InlineData("BRO 2023/45")]
    [InlineData("NS-2024-03-117")]
    [InlineData("Child 7")]
    [InlineData("Family 12B")]
    [InlineData("Audit Round 2 Sample 14")]
    [InlineData("North 17")]
    [InlineData("  NS-2024-017  ")]
    public void A_pseudonymous_code_is_accepted(string reference) =>
        Assert.Null(CaseReference.Problem(reference));

    [Fact]
    public void A_reference_of_exactly_the_maximum_length_is_accepted_and_one_longer_is_refused()
    {
        var longest = string.Concat(Enumerable.Repeat("K1-", 10));
        Assert.Equal(CaseReference.MaxLength, longest.Length);

        Assert.Null(CaseReference.Problem(longest));
        Assert.Equal("The case reference must be 30 characters or fewer", CaseReference.Problem(longest + "7"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_reference_is_refused(string? reference) =>
        Assert.Equal("Enter the case reference", CaseReference.Problem(reference));

    [Theory]
    [InlineData("NS#2024")]
    [InlineData("CA:0042")]
    [InlineData("KIR(17)")]
    public void Characters_outside_letters_numbers_spaces_and_dash_underscore_slash_dot_are_refused(string reference)
    {
        var problem = CaseReference.Problem(reference);

        Assert.NotNull(problem);
        Assert.Contains("can only contain", problem);
    }

    [Theory]
    [InlineData("ABC")]
    [InlineData("case")]
    [InlineData("NSKIR")]
    public void A_reference_without_a_number_is_refused(string reference)
    {
        var problem = CaseReference.Problem(reference);

        Assert.NotNull(problem);
        Assert.Contains("at least one number", problem);
    }

    // Every shape that has been seen to carry a child's details, with the reason the person is
    // given. Separators vary by agency system and by hand, so each shape is tried with each.
    [Theory]
    [InlineData("9434765919", "NHS number")]
    [InlineData("943 476 5919", "NHS number")]
    [InlineData("943-476-5919", "NHS number")]
    [InlineData("943.476.5919", "NHS number")]
    [InlineData("943/476/5919", "NHS number")]
    [InlineData("943_476_5919", "NHS number")]
    [InlineData("NS 401.023.2137", "NHS number")]
    [InlineData("401_023_2137 ref", "NHS number")]
    [InlineData("BD1 1AA", "postcode")]
    [InlineData("bd1 1aa", "postcode")]
    [InlineData("BD11AA", "postcode")]
    [InlineData("BD1-1AA", "postcode")]
    [InlineData("bd1_1aa", "postcode")]
    [InlineData("SW1A.2AA", "postcode")]
    [InlineData("Ref M1-1AE", "postcode")]
    [InlineData("12/03/2015", "date")]
    [InlineData("12-03-2015", "date")]
    [InlineData("12.03.2015", "date")]
    [InlineData("12_03_2015", "date")]
    [InlineData("12 03 2015", "date")]
    [InlineData("12/03/15", "date")]
    [InlineData("12_3_15", "date")]
    [InlineData("12 3 15", "date")]
    [InlineData("2015/03/12", "date")]
    [InlineData("2015-03-12", "date")]
    [InlineData("2015.03.12", "date")]
    [InlineData("2015_03_12", "date")]
    [InlineData("2015 03 12", "date")]
    [InlineData("12 March 2015", "date")]
    [InlineData("12_Mar_2015", "date")]
    [InlineData("12.march.15", "date")]
    [InlineData("jo.bloggs@example.org", "email address")]
    [InlineData("07700 900123", "phone number")]
    [InlineData("07700900123", "phone number")]
    [InlineData("07700-900-123", "phone number")]
    [InlineData("07700.900.123", "phone number")]
    [InlineData("0113.496.0000", "phone number")]
    [InlineData("+44 7700 900123", "phone number")]
    [InlineData("+44.7700.900.123", "phone number")]
    [InlineData("+447700900123", "phone number")]
    [InlineData("John Smith", "name")]
    [InlineData("jane smith 2015", "name")]
    [InlineData("JANE SMITH 01", "name")]
    [InlineData("Jane-Marie O'Neil 3", "name")]
    [InlineData("jane-marie o'neil 3", "name")]
    [InlineData("jane_smith_4", "name")]
    [InlineData("JANE.SMITH.2015", "name")]
    [InlineData("amy lee 7", "name")]
    [InlineData("jane smith2015", "name")]
    [InlineData("NS-KIR", "name")]
    public void A_child_identifying_shape_is_refused_with_its_reason(string reference, string reason)
    {
        var problem = CaseReference.Problem(reference);

        Assert.NotNull(problem);
        Assert.Contains($"looks like {(reason == "name" ? "it contains a person's name" : reason is "email address" or "NHS number" ? "an " + reason : "a " + reason)}", problem);
        Assert.EndsWith(CaseReference.Advice, problem);
    }

    // Ordinary case-system ids: a short letter prefix, digits and separators. None of them may be
    // mistaken for a name, a date or an NHS number.
    [Theory]
    [InlineData("KR/2025/0042")]
    [InlineData("NS-2026-005")]
    [InlineData("NS-2025-011")]
    [InlineData("CS12345")]
    [InlineData("EH-0042")]
    [InlineData("LAC/2024/17")]
    [InlineData("A1234567")]
    [InlineData("kr/2025/0042")]
    [InlineData("ns_2026_005")]
    [InlineData("NS.2026.005")]
    [InlineData("NS 2026 005")]
    [InlineData("CIN-2024-118")]
    [InlineData("EH 0042")]
    [InlineData("cs12345")]
    [InlineData("KIR_2023_004")]
    [InlineData("BRO 2023/45")]
    [InlineData("NS-2024-03-117")]
    [InlineData("Family 12B")]
    [InlineData("Audit Round 2 Sample 14")]
    [InlineData("case ref 12")]
    [InlineData("LAC CP 2024 17")]
    [InlineData("NS-POOL-001")]
    public void An_ordinary_case_system_id_is_accepted(string reference) =>
        Assert.Null(CaseReference.Problem(reference));
}
