using System.Globalization;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace BuildingEconomy.Returns;

/// <summary>
/// The Excel template of a monthly return: a totals sheet (label, value and a fixed field key per row) and a roster
/// sheet (one enterprise a row, columns in a fixed order). Downloaded pre-filled, edited offline, uploaded back.
/// Reading goes by sheet position, column position and field key, never by the translated labels, so a template
/// downloaded in English reads the same as one in Chinese, and values are accepted in either language.
/// </summary>
public static class ReturnWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The roster's first data row: row 1 holds the column headings.</summary>
    public const int FirstRosterRow = 2;

    private static readonly string[] TotalKeys = ["buildingId", "period", "forSaleArea", "forRentArea", "soldArea", "leasedArea", "selfUseArea", "residentArea", "correctionReason"];

    private static readonly string[] RosterColumns =
        ["CreditCode", "EnterpriseName", "Units", "Area", "Purchased", "State", "MovedInOn", "RegisteredLocally", "RegisteredPlace", "Employees", "IndustrySection", "TaxAmount", "TaxBasis"];

    public static void Write(Stream stream, ReturnSubmission submission, string buildingName, IStringLocalizer t)
    {
        var totals = new List<Dictionary<string, object?>>();
        foreach (var key in TotalKeys)
        {
            object? value = key switch
            {
                "buildingId" => submission.BuildingId,
                "period" => submission.Period,
                "forSaleArea" => submission.ForSaleArea,
                "forRentArea" => submission.ForRentArea,
                "soldArea" => submission.SoldArea,
                "leasedArea" => submission.LeasedArea,
                "selfUseArea" => submission.SelfUseArea,
                "residentArea" => submission.ResidentArea,
                _ => submission.CorrectionReason,
            };
            var label = key == "buildingId" ? $"{t["Returns.Field.BuildingId"]}（{buildingName}）" : t[$"Returns.Field.{char.ToUpperInvariant(key[0])}{key[1..]}"].Value;
            totals.Add(new Dictionary<string, object?>
            {
                [t["Returns.Excel.Item"]] = label,
                [t["Returns.Excel.Value"]] = value,
                [t["Returns.Excel.Key"]] = key,
            });
        }
        var headings = RosterColumns.Select(c => t[$"Returns.Field.{c}"].Value).ToArray();
        var roster = submission.Lines.Select(line =>
        {
            object?[] values =
            [
                line.CreditCode, line.EnterpriseName, line.Units, line.Area, YesNo(line.Purchased, t),
                line.State is { } state ? t[$"Returns.State.{state}"].Value : null,
                line.MovedInOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                YesNo(line.RegisteredLocally, t), line.RegisteredPlace, line.Employees, line.IndustrySection, line.TaxAmount,
                line.TaxBasis is { } basis ? t[$"Returns.TaxBasis.{basis}"].Value : null,
            ];
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < headings.Length; i++) row[headings[i]] = values[i];
            return row;
        }).ToList();
        if (roster.Count == 0) roster.Add(headings.ToDictionary(h => h, _ => (object?)null));

        var sheets = new Dictionary<string, object>
        {
            [t["Returns.Excel.TotalsSheet"]] = totals,
            [t["Returns.Excel.RosterSheet"]] = roster,
        };
        stream.SaveAs(sheets);
    }

    /// <summary>
    /// The submission in the file, or the problems that stop it being read at all; the cell-level problems name the
    /// roster row as Excel numbers it. Validation of the content is <see cref="ReturnValidator"/>'s job afterwards.
    /// </summary>
    public static (ReturnSubmission? Submission, List<ReturnProblem> Problems) Read(Stream stream)
    {
        var problems = new List<ReturnProblem>();
        List<string> sheets;
        try
        {
            sheets = MiniExcel.GetSheetNames(stream);
        }
        catch (Exception)
        {
            return (null, [ReturnProblem.Of("ExcelUnreadable", "file")]);
        }
        if (sheets.Count < 2) return (null, [ReturnProblem.Of("ExcelSheetMissing", "file")]);

        var submission = new ReturnSubmission();
        stream.Position = 0;
        foreach (IDictionary<string, object> row in stream.Query(useHeaderRow: false, sheetName: sheets[0]).Skip(1))
        {
            var key = Text(Get(row, "C"));
            var value = Get(row, "B");
            switch (key)
            {
                case "buildingId":
                    if (Number(value) is { } id && id == decimal.Truncate(id) && id is > 0 and < int.MaxValue) submission.BuildingId = (int)id;
                    else problems.Add(ReturnProblem.Of("ExcelTotalNotANumber", key, "@Returns.Field.BuildingId", Text(value) ?? ""));
                    break;
                case "period":
                    submission.Period = value is DateTime date ? date.ToString("yyyy-MM", CultureInfo.InvariantCulture) : Text(value);
                    break;
                case "correctionReason":
                    submission.CorrectionReason = Text(value);
                    break;
                case "forSaleArea" or "forRentArea" or "soldArea" or "leasedArea" or "selfUseArea" or "residentArea":
                    var number = Number(value);
                    if (number is null && Text(value) is { } bad)
                        problems.Add(ReturnProblem.Of("ExcelTotalNotANumber", key, $"@Returns.Field.{char.ToUpperInvariant(key[0])}{key[1..]}", bad));
                    SetTotal(submission, key, number);
                    break;
            }
        }

        stream.Position = 0;
        var rowNumber = 1;
        foreach (IDictionary<string, object> row in stream.Query(useHeaderRow: false, sheetName: sheets[1]).Skip(1))
        {
            rowNumber++;
            string Cell(int column) => ((char)('A' + column)).ToString();
            var cells = Enumerable.Range(0, RosterColumns.Length).Select(c => Get(row, Cell(c))).ToArray();
            if (cells.All(c => Text(c) is null)) continue;
            var line = new ReturnLineInput
            {
                SourceRow = rowNumber,
                CreditCode = Text(cells[0]),
                EnterpriseName = Text(cells[1]),
                Units = Text(cells[2]),
                RegisteredPlace = Text(cells[8]),
                IndustrySection = Text(cells[10]),
            };
            line.Area = NumberCell(cells[3], rowNumber, "Area", problems);
            line.Purchased = YesNoCell(cells[4], rowNumber, "Purchased", problems);
            line.State = Text(cells[5]) is { } state ? ParseState(state) ?? Unknown<TenantState>("ExcelUnknownState", rowNumber, "state", state, problems) : null;
            line.MovedInOn = DateCell(cells[6], rowNumber, problems);
            line.RegisteredLocally = YesNoCell(cells[7], rowNumber, "RegisteredLocally", problems);
            if (NumberCell(cells[9], rowNumber, "Employees", problems) is { } employees) line.Employees = (int)Math.Round(employees);
            line.TaxAmount = NumberCell(cells[11], rowNumber, "TaxAmount", problems);
            line.TaxBasis = Text(cells[12]) is { } basis ? ParseTaxBasis(basis) ?? Unknown<TaxBasis>("ExcelUnknownTaxBasis", rowNumber, "taxBasis", basis, problems) : null;
            submission.Lines.Add(line);
        }
        return (problems.Count == 0 ? submission : null, problems);
    }

    private static object? Get(IDictionary<string, object> row, string column) => row.TryGetValue(column, out var value) ? value : null;

    private static void SetTotal(ReturnSubmission submission, string key, decimal? value)
    {
        switch (key)
        {
            case "forSaleArea": submission.ForSaleArea = value; break;
            case "forRentArea": submission.ForRentArea = value; break;
            case "soldArea": submission.SoldArea = value; break;
            case "leasedArea": submission.LeasedArea = value; break;
            case "selfUseArea": submission.SelfUseArea = value; break;
            case "residentArea": submission.ResidentArea = value; break;
        }
    }

    private static string YesNo(bool value, IStringLocalizer t) => value ? t["Returns.Yes"] : t["Returns.No"];

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        double d => d.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() is { Length: > 0 } s ? s.Trim() : null,
    };

    private static decimal? Number(object? value) => value switch
    {
        double d when !double.IsNaN(d) && Math.Abs(d) < 1e12 => Math.Round((decimal)d, 2),
        decimal m => m,
        int i => i,
        long l => l,
        string s when decimal.TryParse(s.Replace(",", "", StringComparison.Ordinal).Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private static decimal? NumberCell(object? value, int row, string column, List<ReturnProblem> problems)
    {
        if (Text(value) is null) return null;
        if (Number(value) is { } number) return number;
        problems.Add(ReturnProblem.OfRow("ExcelNotANumber", FieldOf(column), row, $"@Returns.Field.{column}", Text(value)!));
        return null;
    }

    private static bool YesNoCell(object? value, int row, string column, List<ReturnProblem> problems)
    {
        if (value is bool flag) return flag;
        switch (Text(value)?.ToLowerInvariant())
        {
            case null or "否" or "no" or "n" or "false" or "0": return false;
            case "是" or "yes" or "y" or "true" or "1": return true;
            default:
                problems.Add(ReturnProblem.OfRow("ExcelNotYesNo", FieldOf(column), row, $"@Returns.Field.{column}", Text(value)!));
                return false;
        }
    }

    private static DateOnly? DateCell(object? value, int row, List<ReturnProblem> problems)
    {
        switch (value)
        {
            case null:
                return null;
            case DateTime date:
                return DateOnly.FromDateTime(date);
            case double serial when serial is > 1 and < 100_000:
                // A date typed into a cell without date formatting arrives as Excel's day number.
                return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        }
        var text = Text(value);
        if (text is null) return null;
        string[] formats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyy年M月d日"];
        if (DateOnly.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) return parsed;
        problems.Add(ReturnProblem.OfRow("ExcelNotADate", "movedInOn", row, "@Returns.Field.MovedInOn", text));
        return null;
    }

    private static T? Unknown<T>(string code, int row, string field, string value, List<ReturnProblem> problems) where T : struct
    {
        problems.Add(ReturnProblem.OfRow(code, field, row, value));
        return null;
    }

    private static TenantState? ParseState(string text) => text.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant() switch
    {
        "已签约" or "签约" or "signed" => TenantState.Signed,
        "已入驻" or "入驻" or "resident" => TenantState.Resident,
        "已迁出" or "迁出" or "movedout" => TenantState.MovedOut,
        _ => null,
    };

    private static TaxBasis? ParseTaxBasis(string text) => text.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant() switch
    {
        "全口径" or "alltaxes" => TaxBasis.AllTaxes,
        "区级收入" or "区级" or "districtrevenue" => TaxBasis.DistrictRevenue,
        "经常性税收" or "recurringtax" => TaxBasis.RecurringTax,
        _ => null,
    };

    private static string FieldOf(string column) => char.ToLowerInvariant(column[0]) + column[1..];
}
