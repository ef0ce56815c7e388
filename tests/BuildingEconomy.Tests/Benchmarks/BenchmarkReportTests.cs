using BuildingEconomy.Benchmarks;

namespace BuildingEconomy.Tests.Benchmarks;

public sealed class BenchmarkReportTests
{
    [Fact]
    public void A_figure_line_reads_back_as_the_figure_it_was_written_from()
    {
        var figure = new BenchmarkFigure("search", "search p95 through HTTP", 41.25, "ms", "database p95", 30, 1.375, "≤ 50 ms", true);
        var output = new StringWriter();

        BenchmarkFigure.Write(output, figure);

        Assert.Equal(figure, BenchmarkFigure.Parse(output.ToString().TrimEnd()));
        Assert.Null(BenchmarkFigure.Parse("search p95 through HTTP: 41.25 ms"));
    }

    [Fact]
    public void The_table_shows_value_baseline_ratio_target_and_whether_it_was_met()
    {
        var table = BenchmarkReport.Table(
        [
            new BenchmarkFigure("import", "import rows/s", 11_734.4, "rows/s", "raw COPY rows/s", 18_300, 0.641, "≥ 0.5 × raw COPY", true),
            new BenchmarkFigure("dashboard", "slowest dashboard call p95", 131.26, "ms", Target: "≤ 100 ms", Met: false),
            new BenchmarkFigure("memory", "web host peak resident memory", 221, "MiB"),
        ]);

        var rows = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("| import | import rows/s | 11,734 rows/s | raw COPY rows/s: 18,300 | 0.64 | ≥ 0.5 × raw COPY | yes |", rows[2]);
        Assert.Equal("| dashboard | slowest dashboard call p95 | 131 ms |  |  | ≤ 100 ms | **no** |", rows[3]);
        Assert.Equal("| memory | web host peak resident memory | 221 MiB |  |  |  |  |", rows[4]);
    }
}
