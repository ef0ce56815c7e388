using BuildingEconomy.Data;
using BuildingEconomy.Messaging;
using BuildingEconomy.Returns;
using BuildingEconomy.Search;

// The consumers on their own, for deployments that scale message handling apart from the web app.
// On the in-memory transport it only receives what it publishes itself; it is meant for Bus:Transport=RabbitMq.
var builder = Host.CreateApplicationBuilder(args);

builder.Services.AddBuildingEconomyData(builder.Configuration.GetRequiredBuildingEconomyConnectionString());
// Search index consumers need the search services (the Elasticsearch client when configured).
builder.Services.AddBuildingEconomySearch(builder.Configuration);
builder.Services.AddBuildingEconomyBus(builder.Configuration, bus => bus.AddBuildingEconomyConsumers());
builder.Services.AddBuildingEconomyReturns(builder.Configuration);
// Applying a return writes a "return applied" event to the outbox; the worker dispatches too, so those events flow
// even while no web app runs. Only over RabbitMQ: on the in-memory bus they would never leave this process.
if (builder.Configuration.GetSection(BusOptions.SectionName).Get<BusOptions>()?.Transport == BusTransport.RabbitMq)
{
    builder.Services.AddOutboxDispatcher(builder.Configuration);
}

builder.Build().Run();
