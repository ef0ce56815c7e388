using BuildingEconomy.Data;
using BuildingEconomy.Messaging;

// The consumers on their own, for deployments that scale message handling apart from the web app.
// On the in-memory transport it only receives what it publishes itself; it is meant for Bus:Transport=RabbitMq.
var builder = Host.CreateApplicationBuilder(args);

builder.Services.AddBuildingEconomyData(builder.Configuration.GetRequiredBuildingEconomyConnectionString());
builder.Services.AddBuildingEconomyBus(builder.Configuration, bus => bus.AddBuildingEconomyConsumers());

builder.Build().Run();
