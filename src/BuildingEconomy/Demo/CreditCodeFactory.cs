using BuildingEconomy.Buildings;

namespace BuildingEconomy.Demo;

/// <summary>Makes unique, valid unified social credit codes for fictional enterprises.</summary>
internal static class CreditCodeFactory
{
    private static readonly int[] OrganizationCodeWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>
    /// "91" (registered with market regulation, an enterprise), the division code, a nine-character organisation
    /// code with its own GB 11714 check character, then the GB 32100 check character. A distinct index gives a
    /// distinct code: the body is the index under a bijection of 0..10⁸−1.
    /// </summary>
    public static string Create(string divisionCode, long index)
    {
        var body = ((index * 48_271 + 12_345) % 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        var first17 = $"91{divisionCode}{body}{OrganizationCodeCheck(body)}";
        return first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
    }

    private static char OrganizationCodeCheck(string body)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++) sum += (body[i] - '0') * OrganizationCodeWeights[i];
        var check = 11 - sum % 11;
        return check switch { 10 => 'X', 11 => '0', _ => (char)('0' + check) };
    }
}
