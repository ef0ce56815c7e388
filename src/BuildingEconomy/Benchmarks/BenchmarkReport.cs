using System.Globalization;
using System.Text;

namespace BuildingEconomy.Benchmarks;

/// <summary>
/// `bench-report`: the figure lines every bench command printed (<see cref="BenchmarkFigure"/>), gathered from their
/// logs into one Markdown table: value, baseline measured in the same run, ratio, target and whether it was met.
/// </summary>
public static class BenchmarkReport
{
    public static async Task<int> RunAsync(IReadOnlyList<string> logs, IReadOnlyList<string> expectedBenchmarks, TextWriter output)
    {
        var figures = new List<BenchmarkFigure>();
        foreach (var log in logs)
        {
            foreach (var line in await File.ReadAllLinesAsync(log))
            {
                if (BenchmarkFigure.Parse(line) is { } figure) figures.Add(figure);
            }
        }
        output.Write(Table(figures));
        var missing = expectedBenchmarks.Where(name => figures.All(f => f.Benchmark != name)).ToList();
        if (missing.Count == 0) return 0;
        output.WriteLine();
        output.WriteLine($"No figures from: {string.Join(", ", missing)} (see its log above).");
        return 1;
    }

    public static string Table(IEnumerable<BenchmarkFigure> figures)
    {
        var table = new StringBuilder();
        table.AppendLine("| benchmark | figure | value | baseline (same run) | ratio | target | met |");
        table.AppendLine("| --- | --- | ---: | --- | ---: | --- | --- |");
        foreach (var f in figures)
        {
            var baseline = f.BaselineValue is { } b ? $"{f.Baseline}: {Number(b)}" : f.Baseline ?? "";
            var ratio = f.Ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "";
            var met = f.Met switch { true => "yes", false => "**no**", null => "" };
            table.AppendLine(CultureInfo.InvariantCulture, $"| {f.Benchmark} | {f.Figure} | {Number(f.Value)} {f.Unit} | {baseline} | {ratio} | {f.Target} | {met} |");
        }
        return table.ToString();
    }

    /// <summary>Three significant figures at least, thousands grouped: 0.412, 41.2, 11,734.</summary>
    private static string Number(double value) =>
        value.ToString(Math.Abs(value) >= 100 ? "N0" : Math.Abs(value) >= 10 ? "N1" : "0.###", CultureInfo.InvariantCulture);
}
