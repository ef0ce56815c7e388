using BuildingEconomy.Data;
using BuildingEconomy.Health;
using BuildingEconomy.Messaging;
using BuildingEconomy.Web.Localization;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddBuildingEconomyData(builder.Configuration.GetRequiredBuildingEconomyConnectionString());
builder.Services.AddBuildingEconomyBus(builder.Configuration, bus => bus.AddBuildingEconomyConsumers());
builder.Services.AddBuildingEconomyHealthChecks();
builder.Services.AddBuildingEconomyLocalization();
builder.Services.AddProblemDetails();
builder.Services.AddRazorPages().AddSharedResourceDataAnnotations();

var app = builder.Build();

app.UseExceptionHandler(new ExceptionHandlerOptions
{
    // Development turns bad requests (e.g. a missing antiforgery token) into exceptions; keep them 4xx, as in production.
    StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
});
app.UseStatusCodePages();
app.UseRequestLocalization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapBuildingEconomyHealth();
app.MapCultureSwitch();
app.MapRazorPages().WithStaticAssets();

app.Run();
