using System.Globalization;
using System.Text.Json;
using BuildingEconomy.Localization;
using BuildingEconomy.Returns;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MiniExcelLibs;

namespace BuildingEconomy.Tests.Returns;

public class ReturnWorkbookTests
{
    internal static IStringLocalizer Localizer() =>
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(SharedResource));

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void A_downloaded_template_reads_back_as_the_same_return(string culture)
    {
        var submission = ReturnValidatorTests.Valid();
        submission.Lines[0].TaxAmount = 12_345.67m;
        submission.Lines[0].TaxBasis = TaxBasis.DistrictRevenue;
        submission.Lines[2].Employees = 42;
        using var stream = new MemoryStream();
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            ReturnWorkbook.Write(stream, submission, "测试大厦", Localizer());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }

        stream.Position = 0;
        var (read, problems) = ReturnWorkbook.Read(stream);
        Assert.Empty(problems);
        Assert.Equal([2, 3, 4, 5], read!.Lines.Select(l => l.SourceRow!.Value));
        Assert.Equal(JsonSerializer.Serialize(submission), JsonSerializer.Serialize(read));
    }

    [Fact]
    public void Cells_that_cannot_be_read_are_reported_by_their_row()
    {
        using var stream = new MemoryStream();
        var sheets = new Dictionary<string, object>
        {
            ["月报"] = new[] { new { 项目 = "楼宇编号", 数值 = (object)"7", 字段 = "buildingId" }, new { 项目 = "已售面积", 数值 = (object)"很多", 字段 = "soldArea" } },
            ["企业名册"] = new[]
            {
                new { A = "91440300MA00000018", B = "甲公司", C = "101", D = (object)"一百", E = "是", F = "已入驻", G = "2025-02-30", H = "也许", I = "", J = "", K = "I", L = "", M = "" },
                new { A = "91440300MA00000026", B = "乙公司", C = "102", D = (object)88.5, E = "否", F = "在装修", G = "", H = "否", I = "", J = "", K = "I", L = "10", M = "月度" },
            },
        };
        stream.SaveAs(sheets);
        stream.Position = 0;

        var (submission, problems) = ReturnWorkbook.Read(stream);
        Assert.Null(submission);
        Assert.Equal(
            [("ExcelTotalNotANumber", (int?)null), ("ExcelNotANumber", 2), ("ExcelNotADate", 2), ("ExcelNotYesNo", 2), ("ExcelUnknownState", 3), ("ExcelUnknownTaxBasis", 3)],
            problems.Select(p => (p.Code, p.Row)));
        var localizer = Localizer();
        Assert.All(problems, p => Assert.DoesNotContain("Returns.Problem", p.Describe(localizer)));
    }

    [Fact]
    public void A_file_that_is_not_a_workbook_is_refused_as_a_whole()
    {
        using var stream = new MemoryStream("not a spreadsheet"u8.ToArray());
        var (submission, problems) = ReturnWorkbook.Read(stream);
        Assert.Null(submission);
        Assert.Equal("ExcelUnreadable", Assert.Single(problems).Code);
    }
}
