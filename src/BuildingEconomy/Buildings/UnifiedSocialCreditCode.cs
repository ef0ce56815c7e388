namespace BuildingEconomy.Buildings;

/// <summary>
/// The 18-character unified social credit code of GB 32100-2015: registration authority, organisation kind,
/// six-digit administrative division of the registering authority, nine-character organisation code, and a
/// check character computed modulo 31 over the first seventeen.
/// </summary>
public static class UnifiedSocialCreditCode
{
    public const int Length = 18;

    // The standard leaves out I, O, S, V and Z so that codes cannot be misread.
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static bool IsValid(string? code) => Check(code) is null;

    /// <summary>Null when the code is valid; otherwise why not, in words a user can act on.</summary>
    public static CreditCodeProblem? Check(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return CreditCodeProblem.Missing;
        if (code.Length != Length) return CreditCodeProblem.WrongLength;
        foreach (var c in code)
        {
            if (Alphabet.IndexOf(c) < 0) return CreditCodeProblem.InvalidCharacter;
        }
        for (var i = 2; i < 8; i++)
        {
            if (!char.IsAsciiDigit(code[i])) return CreditCodeProblem.InvalidDivisionCode;
        }
        return code[17] == CheckCharacter(code.AsSpan(0, 17)) ? null : CreditCodeProblem.WrongCheckCharacter;
    }

    /// <summary>The check character for the first seventeen characters of a code.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17) throw new ArgumentException("Seventeen characters are needed.", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(first17[i]);
            if (value < 0) throw new ArgumentException($"'{first17[i]}' is not a credit-code character.", nameof(first17));
            sum += value * Weights[i];
        }
        return Alphabet[(31 - sum % 31) % 31];
    }

    /// <summary>Normalises what a person typed: trims, removes inner spaces and upper-cases.</summary>
    public static string Normalise(string code) => code.Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant();

    public static string AlphabetCharacters => Alphabet;
}

public enum CreditCodeProblem { Missing, WrongLength, InvalidCharacter, InvalidDivisionCode, WrongCheckCharacter }
