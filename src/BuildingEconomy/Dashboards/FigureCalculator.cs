using BuildingEconomy.Returns;

namespace BuildingEconomy.Dashboards;

/// <summary>A figure's value for one group and month; null is "no data" (nothing to count, or a zero denominator).</summary>
public sealed record FigureValue(FigureDefinition Figure, decimal? Value, decimal? Numerator = null, decimal? Denominator = null, TaxBasis? TaxBasis = null)
{
    public string Key => Figure.Key;
}

/// <summary>Every figure of one group and month, looked up by figure (and tax basis for tax figures).</summary>
public sealed class FigureSet(IReadOnlyList<FigureValue> values)
{
    public IReadOnlyList<FigureValue> Values { get; } = values;

    public FigureValue this[FigureDefinition figure] => Find(figure) ?? new FigureValue(figure, null);

    public FigureValue? Find(FigureDefinition figure, TaxBasis? basis = null) =>
        Values.FirstOrDefault(v => v.Figure == figure && (basis is null || v.TaxBasis == basis));

    public IEnumerable<TaxBasis> TaxBases => Values.Where(v => v.TaxBasis is not null).Select(v => v.TaxBasis!.Value).Distinct();

    public FigureSet WithoutTax() => new([.. Values.Where(v => !v.Figure.IsTax)]);
}

/// <summary>
/// DESIGN.md §3, one definition used everywhere: every figure from the sums of <see cref="FigureSums"/>. Decimal
/// throughout, and the exact quotient: rounding is for display only (<see cref="FigureFormatter"/>).
/// </summary>
public static class FigureCalculator
{
    /// <summary>A zero denominator is "no data", never 0 % and never 100 %.</summary>
    public static decimal? Ratio(decimal numerator, decimal denominator) => denominator == 0 ? null : numerator / denominator;

    public static FigureSet Compute(FigureSums s)
    {
        var values = new List<FigureValue>();
        var reported = s.BuildingsReporting > 0;
        void Total(FigureDefinition figure, decimal value) => values.Add(new FigureValue(figure, reported ? value : null));
        void Rate(FigureDefinition figure, decimal numerator, decimal denominator) =>
            values.Add(reported
                ? new FigureValue(figure, Ratio(numerator, denominator), numerator, denominator)
                : new FigureValue(figure, null));

        var leasable = s.ForSaleArea + s.ForRentArea;
        var signed = s.SoldArea + s.LeasedArea;
        var vacant = leasable - signed;
        Rate(FigureCatalog.VacancyRate, vacant, leasable);
        Total(FigureCatalog.VacantArea, vacant);
        Total(FigureCatalog.LeasableArea, leasable);
        Total(FigureCatalog.SelfUseArea, s.SelfUseArea);
        Rate(FigureCatalog.AvailabilityRate, s.MarketedArea, leasable);
        Total(FigureCatalog.MarketedArea, s.MarketedArea);
        values.Add(new FigureValue(FigureCatalog.NetAbsorption,
            s.AbsorptionBuildings > 0 ? s.AbsorptionResidentArea - s.AbsorptionPreviousResidentArea : null,
            s.AbsorptionBuildings > 0 ? s.AbsorptionResidentArea : null,
            s.AbsorptionBuildings > 0 ? s.AbsorptionPreviousResidentArea : null));
        Rate(FigureCatalog.SaleRate, s.SoldArea, s.ForSaleArea);
        Rate(FigureCatalog.LeaseRate, s.LeasedArea, s.ForRentArea);
        Rate(FigureCatalog.SignedRate, signed, leasable);
        Total(FigureCatalog.SoldArea, s.SoldArea);
        Total(FigureCatalog.LeasedArea, s.LeasedArea);
        Total(FigureCatalog.SignedArea, signed);
        Rate(FigureCatalog.ResidenceRate, s.ResidentArea, leasable);
        Total(FigureCatalog.ResidentArea, s.ResidentArea);
        Total(FigureCatalog.SignedNotResidentArea, signed - s.ResidentArea);
        Rate(FigureCatalog.LocalRegistrationRate, s.LocallyRegisteredEnterprises, s.ResidentEnterprises);
        Rate(FigureCatalog.LocalRegistrationRateByArea, s.LocallyRegisteredArea, s.ResidentArea);
        Total(FigureCatalog.ResidentEnterprises, s.ResidentEnterprises);
        Total(FigureCatalog.RegisteredElsewhereEnterprises, s.ResidentEnterprises - s.LocallyRegisteredEnterprises);

        // Filing counts come from the register, not from the returns: they exist whether or not anyone filed.
        values.Add(new FigureValue(FigureCatalog.FilingRate, Ratio(s.BuildingsFiled, s.BuildingsRequired), s.BuildingsFiled, s.BuildingsRequired));
        values.Add(new FigureValue(FigureCatalog.BuildingsFiled, s.BuildingsFiled));
        values.Add(new FigureValue(FigureCatalog.BuildingsRequired, s.BuildingsRequired));

        foreach (var (basis, tax) in s.Tax.Where(t => t.Value.BuildingsReporting > 0).OrderBy(t => t.Key))
        {
            values.Add(new FigureValue(FigureCatalog.TaxAmount, tax.TaxAmount, TaxBasis: basis));
            values.Add(new FigureValue(FigureCatalog.TaxPerSquareMetre, Ratio(tax.TaxAmount, tax.ResidentArea), tax.TaxAmount, tax.ResidentArea, basis));
            if (tax.BillionYuanBuildings is { } billionYuan) values.Add(new FigureValue(FigureCatalog.BillionYuanBuildings, billionYuan, TaxBasis: basis));
        }
        return new FigureSet(values);
    }

    /// <summary>
    /// The change of a figure between two months: for rates the difference of the exact quotients (shown in
    /// percentage points), otherwise the difference of the values; no data on either side is no change to show.
    /// </summary>
    public static decimal? Change(FigureValue? current, FigureValue? earlier) =>
        current?.Value is { } now && earlier?.Value is { } then ? now - then : null;
}
