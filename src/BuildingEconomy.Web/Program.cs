using BuildingEconomy.Accounts;
using BuildingEconomy.Buildings.Register;
using BuildingEconomy.Dashboards;
using BuildingEconomy.Data;
using BuildingEconomy.Health;
using BuildingEconomy.Messaging;
using BuildingEconomy.Returns;
using BuildingEconomy.Search;
using BuildingEconomy.Web.Localization;
using BuildingEconomy.Web.Security;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddBuildingEconomyData(builder.Configuration.GetRequiredBuildingEconomyConnectionString());
builder.Services.AddBuildingEconomyBus(builder.Configuration, bus => bus.AddBuildingEconomyConsumers());
// The web app accepts returns, so it also dispatches the outbox (on the in-memory bus nothing else could).
builder.Services.AddBuildingEconomyReturns(builder.Configuration);
builder.Services.AddOutboxDispatcher(builder.Configuration);
builder.Services.AddBuildingEconomyHealthChecks();
builder.Services.AddBuildingEconomyLocalization();
builder.Services.AddProblemDetails();
builder.Services.AddBuildingEconomyAccounts(builder.Configuration);
builder.Services.AddBuildingEconomySecurityHeaders(builder.Configuration);
builder.Services.AddBuildingRegister();
builder.Services.AddBuildingEconomySearch(builder.Configuration);
builder.Services.AddBuildingEconomyDashboards();
builder.Services.AddOpenApi();
builder.Services.AddRazorPages().AddSharedResourceDataAnnotations();

var app = builder.Build();

app.UseBuildingEconomySecurityHeaders();
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    // Development turns bad requests (e.g. a missing antiforgery token) into exceptions; keep them 4xx, as in production.
    StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
});
app.UseStatusCodePages();
app.UseRequestLocalization();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();

// Every endpoint declares a policy or AllowAnonymous; the authorization matrix test enforces it.
app.MapStaticAssets().AllowAnonymous();
app.MapBuildingEconomyHealth().AllowAnonymous();
app.MapCultureSwitch().AllowAnonymous();
app.MapAccountsApi();
// The API's description and its interactive page are public: they describe the API, not the data.
app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference().AllowAnonymous();
app.MapBuildingRegisterApi();
app.MapSearchApi();
app.MapDashboardApi();
app.MapReturnsApi();
app.MapRazorPages().WithStaticAssets();

app.Run();
