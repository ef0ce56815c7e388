namespace BuildingEconomy.Returns;

public enum TenantState { Signed, Resident, MovedOut }

/// <summary>Which tax a figure counts (口径).</summary>
public enum TaxBasis { AllTaxes, DistrictRevenue, RecurringTax }

/// <summary>One enterprise on a monthly return's tenant roster.</summary>
public sealed class ReturnLine
{
    public long Id { get; set; }
    public long ReturnId { get; set; }
    public int LineNumber { get; set; }
    public required string CreditCode { get; set; }
    public required string EnterpriseName { get; set; }
    public string? Units { get; set; }
    public decimal Area { get; set; }
    public bool Purchased { get; set; }
    public TenantState State { get; set; }
    public DateOnly? MovedInOn { get; set; }
    public bool RegisteredLocally { get; set; }
    public string? RegisteredPlace { get; set; }
    public int? Employees { get; set; }
    public string? IndustrySection { get; set; }

    /// <summary>Tax paid in the month, in yuan, on <see cref="TaxBasis"/>.</summary>
    public decimal? TaxAmount { get; set; }
    public TaxBasis? TaxBasis { get; set; }
}
