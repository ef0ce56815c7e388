using BuildingEconomy.Buildings;
using BuildingEconomy.Returns;
using BuildingEconomy.Search.Elasticsearch;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BuildingEconomy.Search;

/// <summary>
/// Keeps the Elasticsearch index fresh: a changed building, space or applied return makes the building's documents
/// agree with PostgreSQL again. The message only says which building; the content is read from the register when
/// the message is handled, so redelivery, duplicates and out-of-order delivery all end in the same state. With the
/// PostgreSQL engine there is nothing to refresh: it searches the register itself.
/// </summary>
public sealed class SearchIndexConsumer(IOptions<SearchOptions> options, IServiceProvider services) :
    IConsumer<BuildingChanged>, IConsumer<SpaceChanged>, IConsumer<MonthlyReturnApplied>
{
    public Task Consume(ConsumeContext<BuildingChanged> context) => RefreshAsync(context.Message.BuildingId, context.CancellationToken);

    public Task Consume(ConsumeContext<SpaceChanged> context) => RefreshAsync(context.Message.BuildingId, context.CancellationToken);

    public Task Consume(ConsumeContext<MonthlyReturnApplied> context) => RefreshAsync(context.Message.BuildingId, context.CancellationToken);

    private Task RefreshAsync(int buildingId, CancellationToken cancellationToken) =>
        options.Value.Engine == SearchEngineKind.Elasticsearch
            // An unreachable Elasticsearch throws here, and MassTransit's retry (see the definition) tries again.
            ? services.GetRequiredService<SpaceIndex>().RefreshBuildingsAsync([buildingId], cancellationToken)
            : Task.CompletedTask;
}

/// <summary>Retries an index refresh that failed (Elasticsearch restarting, say) before the message goes to the error queue.</summary>
public sealed class SearchIndexConsumerDefinition : ConsumerDefinition<SearchIndexConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<SearchIndexConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(retry => retry.Intervals(
            TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15)));
}
