using BuildingEconomy.Buildings;

namespace BuildingEconomy.Tests.Buildings;

public class UnifiedSocialCreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000100017643K")]
    [InlineData("91440300708461136T")]
    [InlineData("91110108551385082Q")]
    [InlineData("9144030071526726XG")]
    public void Published_codes_are_valid(string code)
    {
        Assert.True(UnifiedSocialCreditCode.IsValid(code));
        Assert.Null(UnifiedSocialCreditCode.Check(code));
    }

    [Theory]
    [InlineData("91350100M000100Y44")] // last character changed
    [InlineData("91110000100017643J")]
    [InlineData("911100001000128888")]
    [InlineData("91440300708461163T")] // two characters swapped: the weights catch transpositions
    public void A_wrong_check_character_is_rejected(string code) =>
        Assert.Equal(CreditCodeProblem.WrongCheckCharacter, UnifiedSocialCreditCode.Check(code));

    [Theory]
    [InlineData(null, CreditCodeProblem.Missing)]
    [InlineData("", CreditCodeProblem.Missing)]
    [InlineData("91350100M000100Y4", CreditCodeProblem.WrongLength)]
    [InlineData("91350100M000100Y433", CreditCodeProblem.WrongLength)]
    [InlineData("91350100M000I00Y43", CreditCodeProblem.InvalidCharacter)] // I is not in the alphabet
    [InlineData("91350100m000100Y43", CreditCodeProblem.InvalidCharacter)]
    [InlineData("9135A100M000100Y43", CreditCodeProblem.InvalidDivisionCode)]
    public void Malformed_codes_say_what_is_wrong(string? code, CreditCodeProblem problem) =>
        Assert.Equal(problem, UnifiedSocialCreditCode.Check(code));

    [Fact]
    public void The_check_character_completes_a_code()
    {
        Assert.Equal('3', UnifiedSocialCreditCode.CheckCharacter("91350100M000100Y4"));
        Assert.Equal('K', UnifiedSocialCreditCode.CheckCharacter("91110000100017643"));
    }

    [Fact]
    public void Every_single_character_error_is_caught()
    {
        const string valid = "91440300708461136T";
        foreach (var position in Enumerable.Range(0, 18))
        {
            foreach (var replacement in UnifiedSocialCreditCode.AlphabetCharacters.Where(c => c != valid[position]))
            {
                var mistyped = valid[..position] + replacement + valid[(position + 1)..];
                Assert.False(UnifiedSocialCreditCode.IsValid(mistyped), mistyped);
            }
        }
    }

    [Fact]
    public void Typed_codes_are_normalised() =>
        Assert.Equal("91350100M000100Y43", UnifiedSocialCreditCode.Normalise(" 9135 0100m000100y43 "));
}
