using System.Globalization;
using BuildingEconomy.Dashboards;
using BuildingEconomy.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BuildingEconomy.Tests.Dashboards;

public sealed class FigureFormatterTests
{
    private static readonly IStringLocalizer Text = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(SharedResource));

    [Theory]
    [InlineData("0.9668", "96.7")]
    [InlineData("0.12345", "12.3")]
    [InlineData("0.12350", "12.4")] // half away from zero (四舍五入), not to even
    [InlineData("0.12250", "12.3")]
    [InlineData("1", "100.0")]
    [InlineData("0", "0.0")]
    public void Percentages_have_one_decimal_rounded_half_away_from_zero(string rate, string percent) =>
        Assert.Equal(decimal.Parse(percent, CultureInfo.InvariantCulture), FigureFormatter.Percent(decimal.Parse(rate, CultureInfo.InvariantCulture)));

    [Fact]
    public void Figures_read_in_the_users_language_with_their_unit()
    {
        var english = CultureInfo.GetCultureInfo("en");
        var chinese = CultureInfo.GetCultureInfo("zh-CN");
        using (new UiCulture(english))
        {
            Assert.Equal("96.7%", FigureFormatter.Format(FigureUnit.Rate, 145_700m / 150_700m, english, Text));
            Assert.Equal("145,700.00 m²", FigureFormatter.Format(FigureUnit.SquareMetres, 145_700m, english, Text));
            Assert.Equal("No data", FigureFormatter.Format(FigureUnit.Rate, null, english, Text));
            Assert.Equal("+1.2 pp", FigureFormatter.FormatChange(FigureUnit.Rate, 0.0123m, english, Text));
            Assert.Equal("-120.00 m²", FigureFormatter.FormatChange(FigureUnit.SquareMetres, -120m, english, Text));
        }
        using (new UiCulture(chinese))
        {
            Assert.Equal("无数据", FigureFormatter.Format(FigureUnit.Rate, null, chinese, Text));
            Assert.Equal("+1.2 个百分点", FigureFormatter.FormatChange(FigureUnit.Rate, 0.0123m, chinese, Text));
            Assert.Equal("500.00 元/m²", FigureFormatter.Format(FigureUnit.YuanPerSquareMetre, 500m, chinese, Text));
        }
    }

    [Fact]
    public void Every_figure_has_a_name_and_a_definition_in_both_languages()
    {
        foreach (var culture in new[] { "zh-CN", "en" })
        {
            using var _ = new UiCulture(CultureInfo.GetCultureInfo(culture));
            foreach (var figure in FigureCatalog.All)
            {
                Assert.False(Text[figure.NameResourceKey].ResourceNotFound, $"{figure.NameResourceKey} ({culture})");
                Assert.False(Text[figure.DefinitionResourceKey].ResourceNotFound, $"{figure.DefinitionResourceKey} ({culture})");
            }
        }
    }

    private sealed class UiCulture : IDisposable
    {
        private readonly CultureInfo previous = CultureInfo.CurrentUICulture;

        public UiCulture(CultureInfo culture) => CultureInfo.CurrentUICulture = culture;

        public void Dispose() => CultureInfo.CurrentUICulture = previous;
    }
}
