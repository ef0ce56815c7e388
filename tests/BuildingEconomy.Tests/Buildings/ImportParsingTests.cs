using System.Text;
using BuildingEconomy.Buildings;
using BuildingEconomy.Buildings.Import;
using BuildingEconomy.Buildings.Register;
using BuildingEconomy.Dashboards;

namespace BuildingEconomy.Tests.Buildings;

public class ImportParsingTests
{
    private static readonly ImportParsing Parsing = new(StandardLists.Themes, StandardLists.Facilities);

    private static ImportRow Row(params (string Field, string Value)[] values) => new(2, values.ToDictionary(v => v.Field, v => v.Value));

    [Theory]
    [InlineData("12", 12)]
    [InlineData("12.0", 12)]
    [InlineData("5F", 5)]
    [InlineData("5层", 5)]
    [InlineData("B1", -1)]
    [InlineData("b2", -2)]
    [InlineData("-3", -3)]
    public void Floors_are_read_as_spreadsheets_write_them(string text, int floor)
    {
        var (_, input, problems) = Parsing.Space(Row(("buildingExternalKey", "B"), ("externalKey", "S"), ("floor", text), ("unit", "1"), ("area", "10")));

        Assert.Empty(problems);
        Assert.Equal(floor, input.Floor);
    }

    [Fact]
    public void Chinese_labels_and_code_names_both_read()
    {
        var (input, _, problems) = Parsing.Building(Row(
            ("externalKey", "K1"), ("name", "楼"), ("address", "路"), ("longitude", "120.1"), ("latitude", "30.1"),
            ("coordinateSystem", "高德"), ("grade", "超甲级"), ("use", "IndustrialPark"), ("constructionStatus", "在建"),
            ("themeId", "科技"), ("facilityIds", "中央空调，gym、EV charging"), ("requiredToReport", "否"), ("forRentArea", "1,234.5")));

        Assert.Empty(problems);
        Assert.Equal(CoordinateSystem.Gcj02, input.CoordinateSystem);
        Assert.Equal(BuildingGrade.Premium, input.Grade);
        Assert.Equal(BuildingUse.IndustrialPark, input.Use);
        Assert.Equal(ConstructionStatus.UnderConstruction, input.ConstructionStatus);
        Assert.Equal(4, input.ThemeId);
        Assert.Equal([4, 9, 10], input.FacilityIds);
        Assert.False(input.RequiredToReport);
        Assert.Equal(1234.5m, input.ForRentArea);
    }

    [Fact]
    public void Values_that_do_not_parse_are_problems_of_their_field()
    {
        var (_, _, problems) = Parsing.Building(Row(
            ("externalKey", "K1"), ("name", "楼"), ("address", "路"), ("longitude", "东经120"), ("latitude", "30.1"),
            ("grade", "3"), ("themeId", "不存在的主题"), ("requiredToReport", "也许")));

        Assert.Equal(
            [("grade", Problems.UnknownValue), ("longitude", Problems.NotANumber), ("requiredToReport", Problems.NotABoolean), ("themeId", Problems.Unknown)],
            problems.Select(p => (p.Field, p.MessageKey)).OrderBy(p => p.Field));
    }

    [Fact]
    public void A_CSV_saved_by_Excel_in_GB18030_reads_as_Chinese()
    {
        var csv = "外部编号,名称,地址,经度,纬度\r\nK1,明珠大厦,明珠路1号,120.1,30.1\r\n";
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(csv);

        var sheet = Assert.Single(ImportReader.Read(new MemoryStream(bytes), ImportFormat.Csv, ImportKind.Buildings));

        Assert.Empty(sheet.MissingColumns);
        var row = Assert.Single(sheet.Rows);
        Assert.Equal((2, "明珠大厦"), (row.Number, row["name"]));
    }

    [Theory]
    [InlineData(50)]
    [InlineData(40_000)]
    public void A_CSV_reads_the_same_in_one_piece_and_on_several_threads(int count)
    {
        // Large files are read on several threads: the rows, their numbers and their values must not depend on it.
        var text = new StringBuilder("楼宇外部编号,外部编号,楼层,房号,面积,备注,状态\n");
        for (var i = 0; i < count; i++)
        {
            text.Append(i == 20 ? ",,,,,,\n" : $"B{i / 20},S{i}, {i % 30 + 1} ,\"{i}\"\"室\",{i}.5,x,可租售\n");
        }
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        Assert.Equal(count > 1_000, bytes.Length >= ImportReader.ParallelCsvBytes);

        var sheet = Assert.Single(ImportReader.Read(new MemoryStream(bytes), ImportFormat.Csv, ImportKind.Spaces));

        Assert.Equal(count - 1, sheet.Rows.Count);
        Assert.Equal(Enumerable.Range(0, count).Where(i => i != 20).Select(i => i + 2), sheet.Rows.Select(r => r.Number));
        var row = sheet.Rows[^1];
        var last = count - 1;
        Assert.Equal(($"B{last / 20}", $"S{last}", $"{last % 30 + 1}", $"{last}\"室", $"{last}.5", "可租售"),
            (row["buildingExternalKey"], row["externalKey"], row["floor"], row["unit"], row["area"], row["status"]));
        Assert.Null(row["askingRent"]);
        Assert.False(row.Values.ContainsKey("askingRent"));
        Assert.Equal(6, row.Values.Count);
    }

    [Fact]
    public void A_CSV_without_a_required_column_names_it()
    {
        var sheet = Assert.Single(ImportReader.Read(new MemoryStream(Encoding.UTF8.GetBytes("外部编号,名称\nK1,楼\n")), ImportFormat.Csv, ImportKind.Buildings));

        Assert.Equal(["地址", "经度", "纬度"], sheet.MissingColumns);
    }

    [Fact]
    public void Rates_over_nothing_are_no_data_and_tax_is_left_out_unless_allowed()
    {
        var empty = new BuildingMonthFigures { Period = new(2026, 10, 1), TaxAmount = 1_000m };
        var figures = new BuildingMonthFigures
        {
            Period = new(2026, 10, 1), ForSaleArea = 1_000m, ForRentArea = 3_000m, SoldArea = 900m, LeasedArea = 2_100m, ResidentArea = 2_500m,
            ResidentEnterprises = 8, LocallyRegisteredEnterprises = 6, TaxAmount = 50_000m,
        };

        var none = MonthFigures.From(empty, withTax: true);
        var hidden = MonthFigures.From(figures, withTax: false);
        var shown = MonthFigures.From(figures, withTax: true);

        Assert.Null(none.VacancyRate);
        Assert.Null(none.LocalRegistrationRate);
        Assert.Null(hidden.TaxAmount);
        Assert.Equal(50_000m, shown.TaxAmount);
        Assert.Equal(0.25m, shown.VacancyRate);
        Assert.Equal(500m, shown.SignedNotResidentArea);
        Assert.Equal(0.75m, shown.LocalRegistrationRate);
    }
}
