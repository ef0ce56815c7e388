using System.Text.Json;

namespace BuildingEconomy.Benchmarks;

/// <summary>
/// One measured figure of a benchmark, beside the baseline measured in the same run (raw COPY, the database's own
/// time, the plain bus) and the target the issues set. Every bench command prints its figures with
/// <see cref="Write"/>; <c>infra/bench.sh</c> collects those lines from all of them into one table.
/// </summary>
/// <param name="Benchmark">Which benchmark measured it: import, search, returns, dashboard, memory.</param>
/// <param name="Figure">What was measured, in words, e.g. "search p95 through HTTP".</param>
/// <param name="Ratio">Value against the baseline, where the target is stated as a ratio.</param>
/// <param name="Met">Whether the target was met; null when the figure has no target of its own.</param>
public sealed record BenchmarkFigure(
    string Benchmark,
    string Figure,
    double Value,
    string Unit,
    string? Baseline = null,
    double? BaselineValue = null,
    double? Ratio = null,
    string? Target = null,
    bool? Met = null)
{
    /// <summary>Marks a figure line in a benchmark's output, among its human-readable lines.</summary>
    public const string LinePrefix = "BENCHMARK-FIGURE ";

    public static void Write(TextWriter output, BenchmarkFigure figure) =>
        output.WriteLine(LinePrefix + JsonSerializer.Serialize(figure, JsonSerializerOptions.Web));

    public static BenchmarkFigure? Parse(string line) =>
        line.StartsWith(LinePrefix, StringComparison.Ordinal)
            ? JsonSerializer.Deserialize<BenchmarkFigure>(line[LinePrefix.Length..], JsonSerializerOptions.Web)
            : null;
}
