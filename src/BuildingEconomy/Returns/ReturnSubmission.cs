using System.Text.Json.Serialization;

namespace BuildingEconomy.Returns;

/// <summary>
/// A monthly return as a property contact sends it, through the web form, the Excel template or the JSON API.
/// Every figure is nullable so that a missing one is reported by name instead of silently read as zero.
/// </summary>
public sealed class ReturnSubmission
{
    public int BuildingId { get; set; }

    /// <summary>The month reported on, as YYYY-MM.</summary>
    public string? Period { get; set; }

    public decimal? ForSaleArea { get; set; }
    public decimal? ForRentArea { get; set; }
    public decimal? SoldArea { get; set; }
    public decimal? LeasedArea { get; set; }
    public decimal? SelfUseArea { get; set; }
    public decimal? ResidentArea { get; set; }

    /// <summary>Required when the month already has an accepted return: this one then replaces it.</summary>
    public string? CorrectionReason { get; set; }

    public List<ReturnLineInput> Lines { get; set; } = [];
}

/// <summary>One enterprise on the tenant roster.</summary>
public sealed class ReturnLineInput
{
    public string? CreditCode { get; set; }
    public string? EnterpriseName { get; set; }
    public string? Units { get; set; }
    public decimal? Area { get; set; }
    public bool Purchased { get; set; }

    [JsonConverter(typeof(JsonStringEnumConverter<TenantState>))]
    public TenantState? State { get; set; }
    public DateOnly? MovedInOn { get; set; }
    public bool RegisteredLocally { get; set; }
    public string? RegisteredPlace { get; set; }
    public int? Employees { get; set; }

    /// <summary>GB/T 4754 section letter, A–T.</summary>
    public string? IndustrySection { get; set; }
    public decimal? TaxAmount { get; set; }

    [JsonConverter(typeof(JsonStringEnumConverter<TaxBasis>))]
    public TaxBasis? TaxBasis { get; set; }

    /// <summary>The spreadsheet row the line came from, so an Excel upload's report names the row the user sees.</summary>
    [JsonIgnore]
    public int? SourceRow { get; set; }
}
