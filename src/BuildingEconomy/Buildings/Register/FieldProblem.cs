using System.Globalization;
using Microsoft.Extensions.Localization;

namespace BuildingEconomy.Buildings.Register;

/// <summary>
/// One thing wrong with one field. <see cref="Field"/> is the field's API name (camelCase, as in JSON and in
/// ProblemDetails' errors); the message is looked up under <see cref="MessageKey"/> and names the field in the
/// reader's language, e.g. "可租面积不能为负数".
/// </summary>
public sealed record FieldProblem(string Field, string MessageKey, params object[] Arguments)
{
    public string Message(IStringLocalizer localizer) => RegisterMessages.Render(localizer, this);
}

public static class RegisterMessages
{
    public const string Prefix = "Register.";

    /// <summary>The resource key of a field's label: Register.Field.ForSaleArea for "forSaleArea".</summary>
    public static string FieldLabelKey(string field) =>
        Prefix + "Field." + char.ToUpperInvariant(field[0]) + field[1..];

    /// <summary>The message with the field's label as {0} and the problem's arguments from {1} on.</summary>
    public static string Render(IStringLocalizer localizer, FieldProblem problem)
    {
        var label = localizer[FieldLabelKey(problem.Field)].Value;
        var template = localizer[problem.MessageKey].Value;
        return string.Format(CultureInfo.CurrentCulture, template, [label, .. problem.Arguments]);
    }

    /// <summary>Problems grouped by field the way ValidationProblemDetails carries them.</summary>
    public static Dictionary<string, string[]> ToErrors(IStringLocalizer localizer, IEnumerable<FieldProblem> problems) =>
        problems.GroupBy(p => p.Field)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Message(localizer)).ToArray());
}

/// <summary>The message keys of the register's validation rules.</summary>
public static class Problems
{
    public const string Required = "Register.Problem.Required";
    public const string TooLong = "Register.Problem.TooLong";
    public const string Negative = "Register.Problem.Negative";
    public const string NotPositive = "Register.Problem.NotPositive";
    public const string OutOfRange = "Register.Problem.OutOfRange";
    public const string LeasableMismatch = "Register.Problem.LeasableMismatch";
    public const string AreasExceedGross = "Register.Problem.AreasExceedGross";
    public const string SpacesExceedLeasable = "Register.Problem.SpacesExceedLeasable";
    public const string SelfUseSpacesExceedSelfUse = "Register.Problem.SelfUseSpacesExceedSelfUse";
    public const string FloorZero = "Register.Problem.FloorZero";
    public const string FloorAboveTop = "Register.Problem.FloorAboveTop";
    public const string FloorBelowBottom = "Register.Problem.FloorBelowBottom";
    public const string FloorsBelowSpaces = "Register.Problem.FloorsBelowSpaces";
    public const string DuplicateUnit = "Register.Problem.DuplicateUnit";
    public const string DuplicateKey = "Register.Problem.DuplicateKey";
    public const string MinDivisibleArea = "Register.Problem.MinDivisibleArea";
    public const string StatusTenureMismatch = "Register.Problem.StatusTenureMismatch";
    public const string CreditCodeMissing = "Register.Problem.CreditCode.Missing";
    public const string CreditCodeWrongLength = "Register.Problem.CreditCode.WrongLength";
    public const string CreditCodeInvalidCharacter = "Register.Problem.CreditCode.InvalidCharacter";
    public const string CreditCodeInvalidDivisionCode = "Register.Problem.CreditCode.InvalidDivisionCode";
    public const string CreditCodeWrongCheckCharacter = "Register.Problem.CreditCode.WrongCheckCharacter";
    public const string CreditCodeTaken = "Register.Problem.CreditCode.Taken";
    public const string IndustrySection = "Register.Problem.IndustrySection";
    public const string DivisionCode = "Register.Problem.DivisionCode";
    public const string DateBefore = "Register.Problem.DateBefore";
    public const string OutsideDistrict = "Register.Problem.OutsideDistrict";
    public const string FootprintNotPolygon = "Register.Problem.Footprint.NotPolygon";
    public const string FootprintInvalid = "Register.Problem.Footprint.Invalid";
    public const string FootprintTooFar = "Register.Problem.Footprint.TooFar";
    public const string Unknown = "Register.Problem.Unknown";
    public const string NotInBuilding = "Register.Problem.NotInBuilding";
    public const string UnknownValue = "Register.Problem.UnknownValue";
    public const string NotANumber = "Register.Problem.NotANumber";
    public const string NotADate = "Register.Problem.NotADate";
    public const string NotABoolean = "Register.Problem.NotABoolean";
    public const string DuplicateInFile = "Register.Problem.DuplicateInFile";
}
