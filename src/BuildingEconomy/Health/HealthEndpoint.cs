using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BuildingEconomy.Health;

public sealed record HealthResponse(string Status, IReadOnlyDictionary<string, HealthCheckResponse> Checks);

public sealed record HealthCheckResponse(string Status, string? Description);

public static class HealthEndpoint
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// One JSON document for operators and probes; the status code (200 Healthy/Degraded, 503 Unhealthy) is
    /// the health-check middleware's default, so a load balancer needs no body parsing.
    /// </summary>
    public static IEndpointConventionBuilder MapBuildingEconomyHealth(this IEndpointRouteBuilder endpoints, string pattern = "/health") =>
        endpoints.MapHealthChecks(pattern, new HealthCheckOptions { ResponseWriter = WriteAsync });

    internal static HealthResponse ToResponse(HealthReport report) =>
        new(report.Status.ToString(), report.Entries
            .GroupBy(entry => HealthSetup.GroupOf(entry.Key, entry.Value))
            .ToDictionary(group => group.Key, group => Combine([.. group])));

    private static Task WriteAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(ToResponse(report), Json, context.RequestAborted);

    private static HealthCheckResponse Combine(KeyValuePair<string, HealthReportEntry>[] entries)
    {
        // HealthStatus orders Unhealthy < Degraded < Healthy, so the group is as healthy as its worst member.
        var status = entries.Min(entry => entry.Value.Status);
        var description = entries.Length == 1
            ? entries[0].Value.Description
            : string.Join("; ", entries.Select(entry => $"{entry.Key}: {entry.Value.Description}"));
        return new HealthCheckResponse(status.ToString(), description);
    }
}
