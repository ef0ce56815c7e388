using System.Diagnostics;
using System.Reflection;
using BuildingEconomy.Benchmarks;

namespace BuildingEconomy.IntegrationTests.Benchmarks;

/// <summary>
/// infra/bench.sh in its quick mode (the tiny data set in a scratch database): every benchmark runs and reports its
/// figures into the one table, so the command never rots between full national runs. The figures are not checked
/// against targets here: a loaded test machine says nothing about speed.
/// </summary>
public sealed class BenchCommandTests
{
    [Fact]
    public async Task The_quick_benchmark_run_reports_figures_from_every_benchmark_in_one_table()
    {
        var (exitCode, output) = await RunAsync("infra/bench.sh", "--quick");

        Assert.True(exitCode == 0, $"bench.sh --quick exited with {exitCode}:\n{output}");
        var figures = output.Split('\n').Select(BenchmarkFigure.Parse).OfType<BenchmarkFigure>().ToList();
        foreach (var benchmark in new[] { "import", "search", "memory", "dashboard", "returns" })
        {
            Assert.Contains(figures, f => f.Benchmark == benchmark && f.Value > 0);
            Assert.Contains($"| {benchmark} | ", output);
        }
        Assert.Contains("| benchmark | figure | value | baseline (same run) | ratio | target | met |", output);
        Assert.Contains(figures, f => f is { Benchmark: "search", BaselineValue: > 0, Ratio: > 0 });
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string script, params string[] arguments)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "BuildingEconomy.sln"))) root = root.Parent;
        var start = new ProcessStartInfo("bash", [Path.Combine(root!.FullName, script), .. arguments])
        {
            WorkingDirectory = root.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The tests run on the build test.sh just made; bench.sh must not rebuild it under their feet.
        start.Environment["BE_BENCH_NO_BUILD"] = "1";
        start.Environment["BE_BENCH_CONFIGURATION"] = typeof(BenchCommandTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + "\n" + await stderr);
    }
}
