using BuildingEconomy.Buildings.Register;

namespace BuildingEconomy.Web.Pages.Enterprises;

/// <summary>The enterprise form's fields, shared by the create and details pages, turned into an <see cref="EnterpriseInput"/> for the register.</summary>
public sealed class EnterpriseForm
{
    public string? CreditCode { get; set; }
    public string? Name { get; set; }
    public string? IndustrySection { get; set; }
    public string? RegisteredDistrictCode { get; set; }
    public string? RegisteredPlace { get; set; }

    public EnterpriseInput ToInput() => new()
    {
        CreditCode = CreditCode, Name = Name, IndustrySection = IndustrySection, RegisteredDistrictCode = RegisteredDistrictCode, RegisteredPlace = RegisteredPlace,
    };

    /// <summary>The form field a register problem belongs to: the register names fields as the API does (creditCode).</summary>
    public static string FieldOf(string problemField) => char.ToUpperInvariant(problemField[0]) + problemField[1..];
}
