namespace BuildingEconomy.Dashboards;

/// <summary>The rows of each export, one dictionary per row in column order (MiniExcel writes the keys as the header).</summary>
public sealed class DashboardExportBuilder(
    DashboardService dashboards, PipelineQuery pipeline, FollowUpQueries lists, RosterQuery rosters, DashboardTexts text)
{
    public async Task<IReadOnlyList<Dictionary<string, object?>>?> RowsAsync(
        string dataset, DateOnly period, DashboardGrouping grouping, DashboardScope scope, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var english = DashboardExport.English;
        switch (dataset)
        {
            case "summary":
                var summary = await dashboards.SummaryAsync(period, grouping, scope, filter, cancellationToken);
                var groups = summary.Groups.Append(summary.Total).ToList();
                var groupColumns = Columns(groups.Select(g => g.Figures));
                return [.. groups.Select(g => FigureRow(text[$"Dashboard.GroupBy.{grouping}"], g.Name.In(english), g.Figures, groupColumns))];
            case "overview":
                var overview = await dashboards.OverviewAsync(period, scope, filter, cancellationToken);
                return [.. overview.Current.Values.Select(current => new Dictionary<string, object?>
                {
                    [text["Dashboard.Column.Figure"]] = text.FigureName(current),
                    [text["Dashboard.Column.Unit"]] = text[$"Dashboard.UnitLabel.{current.Figure.Unit}"],
                    [text.Period(period)] = DashboardExport.Cell(current),
                    [text.Period(period.AddMonths(-1))] = Cell(overview.PreviousMonth.Find(current.Figure, current.TaxBasis)),
                    [text.Period(period.AddMonths(-12))] = Cell(overview.SameMonthLastYear.Find(current.Figure, current.TaxBasis)),
                })];
            case "trends":
                var trend = await dashboards.TrendAsync(period, scope, filter, cancellationToken);
                var trendColumns = Columns(trend.Figures);
                return [.. trend.Periods.Select((p, i) => FigureRow(text["Dashboard.Column.Period"], DashboardApiMapping.Month(p), trend.Figures[i], trendColumns))];
            case "pipeline":
                return [.. (await pipeline.ByYearAsync(scope, filter, cancellationToken)).Select(y => new Dictionary<string, object?>
                {
                    [text["Dashboard.Column.Year"]] = y.Year,
                    [text["Dashboard.Pipeline.CompletedArea"]] = y.CompletedArea,
                    [text["Dashboard.Pipeline.CompletedBuildings"]] = y.CompletedBuildings,
                    [text["Dashboard.Pipeline.UnderConstructionArea"]] = y.UnderConstructionArea,
                    [text["Dashboard.Pipeline.UnderConstructionBuildings"]] = y.UnderConstructionBuildings,
                    [text["Dashboard.Pipeline.PlannedArea"]] = y.PlannedArea,
                    [text["Dashboard.Pipeline.PlannedBuildings"]] = y.PlannedBuildings,
                })];
            case "registered-elsewhere":
                var elsewhere = await lists.RegisteredElsewhereAsync(period, scope, filter, 0, FollowUpQueries.MaxLimit, cancellationToken);
                return [.. elsewhere.Items.Select(e => new Dictionary<string, object?>
                {
                    [text["Dashboard.Column.Subdistrict"]] = e.Building.SubdistrictIn(english),
                    [text["Dashboard.Column.Building"]] = e.Building.Name,
                    [text["Dashboard.Column.CreditCode"]] = e.CreditCode,
                    [text["Dashboard.Column.Enterprise"]] = e.EnterpriseName,
                    [text["Dashboard.Column.Units"]] = e.Units,
                    [text["Dashboard.Column.Area"]] = e.Area,
                    [text["Dashboard.Column.RegisteredPlace"]] = e.RegisteredPlace,
                    [text["Dashboard.Column.Employees"]] = e.Employees,
                    [text["Dashboard.Column.Industry"]] = e.IndustrySection,
                })];
            case "signed-not-resident":
                var gaps = await lists.SignedNotResidentAsync(period, scope, filter, 0, FollowUpQueries.MaxLimit, cancellationToken);
                return [.. gaps.Items.Select(g => new Dictionary<string, object?>
                {
                    [text["Dashboard.Column.Subdistrict"]] = g.Building.SubdistrictIn(english),
                    [text["Dashboard.Column.Building"]] = g.Building.Name,
                    [text["Dashboard.Figure.leasableArea"]] = g.LeasableArea,
                    [text["Dashboard.Figure.signedArea"]] = g.SignedArea,
                    [text["Dashboard.Figure.residentArea"]] = g.ResidentArea,
                    [text["Dashboard.Figure.signedNotResidentArea"]] = g.SignedNotResidentArea,
                })];
            case "not-filed":
                var missing = await lists.NotFiledAsync(period, scope, filter, 0, FollowUpQueries.MaxLimit, cancellationToken);
                return [.. missing.Items.Select(m => new Dictionary<string, object?>
                {
                    [text["Dashboard.Column.Subdistrict"]] = m.Building.SubdistrictIn(english),
                    [text["Dashboard.Column.Building"]] = m.Building.Name,
                    [text["Dashboard.Column.PropertyCompany"]] = m.PropertyCompany,
                    [text["Dashboard.Column.PropertyContact"]] = m.PropertyContact,
                    [text["Dashboard.Column.Phone"]] = m.PropertyContactPhone,
                    [text["Dashboard.Column.OneToOneContact"]] = m.OneToOneContact,
                    [text["Dashboard.Column.LastFiled"]] = m.LastFiledPeriod is { } last ? DashboardApiMapping.Month(last) : null,
                })];
            case "roster":
                if (filter.BuildingId is not { } buildingId || !scope.Includes(buildingId)) return null;
                var roster = await rosters.LatestAsync(buildingId, period, scope.CanSeeTax, cancellationToken);
                if (roster is null) return null;
                return [.. roster.Lines.Select(l =>
                {
                    var row = new Dictionary<string, object?>
                    {
                        [text["Dashboard.Column.Line"]] = l.LineNumber,
                        [text["Dashboard.Column.CreditCode"]] = l.CreditCode,
                        [text["Dashboard.Column.Enterprise"]] = l.EnterpriseName,
                        [text["Dashboard.Column.Units"]] = l.Units,
                        [text["Dashboard.Column.Area"]] = l.Area,
                        [text["Dashboard.Column.Tenure"]] = text[l.Purchased ? "Dashboard.Tenure.Purchased" : "Dashboard.Tenure.Leased"],
                        [text["Dashboard.Column.State"]] = text[$"Dashboard.TenantState.{l.State}"],
                        [text["Dashboard.Column.MovedInOn"]] = l.MovedInOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                        [text["Dashboard.Column.RegisteredLocally"]] = text[l.RegisteredLocally ? "Dashboard.Yes" : "Dashboard.No"],
                        [text["Dashboard.Column.RegisteredPlace"]] = l.RegisteredPlace,
                        [text["Dashboard.Column.Employees"]] = l.Employees,
                        [text["Dashboard.Column.Industry"]] = l.IndustrySection,
                    };
                    if (scope.CanSeeTax)
                    {
                        row[text["Dashboard.Column.Tax"]] = l.TaxAmount;
                        row[text["Dashboard.Column.TaxBasis"]] = l.TaxBasis is { } basis ? text[$"Dashboard.TaxBasis.{basis}"] : null;
                    }
                    return row;
                })];
            default:
                return null;
        }
    }

    /// <summary>Every figure (and tax basis) any of the sets has, in catalogue order: each row gets the same columns.</summary>
    private static List<(FigureDefinition Figure, Returns.TaxBasis? Basis)> Columns(IEnumerable<FigureSet> sets) =>
        [.. sets.SelectMany(s => s.Values).Select(v => (v.Figure, v.TaxBasis)).Distinct()
            .OrderBy(c => DashboardApiMapping.FigureCatalogIndex(c.Figure)).ThenBy(c => c.TaxBasis)];

    private Dictionary<string, object?> FigureRow(string firstHeader, string first, FigureSet figures, List<(FigureDefinition Figure, Returns.TaxBasis? Basis)> columns)
    {
        var row = new Dictionary<string, object?> { [firstHeader] = first };
        foreach (var (figure, basis) in columns)
        {
            var value = figures.Find(figure, basis) ?? new FigureValue(figure, null, TaxBasis: basis);
            row[DashboardExport.Header(text, value)] = DashboardExport.Cell(value);
        }
        return row;
    }

    private static object? Cell(FigureValue? value) => value is null ? null : DashboardExport.Cell(value);
}
