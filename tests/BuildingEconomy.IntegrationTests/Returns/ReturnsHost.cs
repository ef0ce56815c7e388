using BuildingEconomy.Data;
using BuildingEconomy.Messaging;
using BuildingEconomy.Returns;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BuildingEconomy.IntegrationTests.Returns;

/// <summary>
/// One process's worth of the returns pipeline, as the web app or the worker sets it up: bus, consumers and/or the
/// outbox dispatcher over the test database. Several can run at once against one broker, like several hosts.
/// </summary>
public sealed class ReturnsHost : IAsyncDisposable
{
    private readonly IHost host;

    private ReturnsHost(IHost host) => this.host = host;

    public IServiceProvider Services => host.Services;

    public static async Task<ReturnsHost> StartAsync(
        ReturnsWorld world, IDictionary<string, string?> settings, bool consumers = true, bool dispatcher = true,
        Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Test" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Outbox:PollInterval"] = "00:00:00.200",
            ["Outbox:PublishTimeout"] = "00:00:02",
            ["Outbox:MaxBackoff"] = "00:00:02",
            ["Returns:ApplyRetryIntervals:0"] = "00:00:00.100",
            ["Returns:ApplyRetryIntervals:1"] = "00:00:00.200",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddFilter(_ => false);
        builder.Services.AddSingleton<TimeProvider>(ReturnsWorld.Clock);
        builder.Services.AddBuildingEconomyData(world.Database.ConnectionString);
        // Only the returns consumers: other features' consumers of "return applied" need services this host lacks.
        builder.Services.AddBuildingEconomyBus(builder.Configuration, consumers ? bus => bus.AddReturnsConsumers() : null);
        builder.Services.AddBuildingEconomyReturns(builder.Configuration);
        if (dispatcher) builder.Services.AddOutboxDispatcher(builder.Configuration);
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new ReturnsHost(host);
    }

    public static Dictionary<string, string?> InMemory() => new() { ["Bus:Transport"] = "InMemory" };

    public static Dictionary<string, string?> RabbitMq(string prefix, int port) => new()
    {
        ["Bus:Transport"] = "RabbitMq",
        ["Bus:RabbitMq:Url"] = Broker.Url(port).ToString(),
        ["Bus:EntityPrefix"] = prefix,
    };

    public async Task<FilingResult> FileAsync(ReturnSubmission submission, ReturnChannel channel = ReturnChannel.Web, string? key = null)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReturnFiling>()
            .FileAsync(submission, new FilingRequest(channel, "test", key));
    }

    public async Task<bool> RetryAsync(long returnId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReturnFiling>().RetryAsync(returnId);
    }

    /// <summary>Until the bus is connected and its receive endpoints are bound, so that nothing published meanwhile is lost.</summary>
    public Task WaitUntilReadyAsync() =>
        Eventually.TrueAsync(() => Task.FromResult(host.Services.GetRequiredService<IBusControl>().CheckHealth().Status == BusHealthStatus.Healthy),
            TimeSpan.FromSeconds(60), "the bus to be ready");

    public string QueueOf<TConsumer>() where TConsumer : class, IConsumer =>
        host.Services.GetRequiredService<IEndpointNameFormatter>().Consumer<TConsumer>();

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await host.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A host whose broker connection was cut on purpose may not stop cleanly; the test is over either way.
        }
        host.Dispose();
    }
}
