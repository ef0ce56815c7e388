using BuildingEconomy.Localization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace BuildingEconomy.Buildings.Register;

/// <summary>The query string of GET /api/v1/enterprises.</summary>
public sealed record EnterpriseListQuery(string? Q, RegisteredWhere? Registered, int? DistrictId, ArchivedFilter? Archived, int? Page, int? PageSize)
{
    public EnterpriseFilter ToFilter() => new()
    {
        Q = Q, Registered = Registered, DistrictId = DistrictId, Archived = Archived ?? ArchivedFilter.Active, Page = Page ?? 1, PageSize = PageSize ?? 50,
    };
}

/// <summary>
/// Enterprises under /api/v1/enterprises, with the register's policies: reading like buildings (scoped by
/// <see cref="EnterpriseQueries"/>; an enterprise outside the scope answers 404), writing like tenancies.
/// </summary>
internal static class EnterpriseApi
{
    public static void Map(RouteGroupBuilder read, RouteGroupBuilder write)
    {
        read.MapGet("/enterprises", List).WithName("ListEnterprises")
            .WithSummary("Enterprises, filtered and paged")
            .WithDescription("q matches part of the name (2 characters or more through an index) or the start of the credit code. "
                + "registered=Here keeps enterprises registered in one of the platform's districts (or in districtId), Elsewhere the others.");
        read.MapGet("/enterprises/{id:int}", Get).WithName("GetEnterprise").WithSummary("One enterprise");
        read.MapGet("/enterprises/{id:int}/tenancies", Tenancies).WithName("ListEnterpriseTenancies")
            .WithSummary("The enterprise's tenancies in the buildings the caller may see, current ones first");

        write.MapPost("/enterprises", Create).WithName("CreateEnterprise").WithSummary("Register an enterprise");
        write.MapPut("/enterprises/{id:int}", Update).WithName("UpdateEnterprise").WithSummary("Change an enterprise");
        write.MapPost("/enterprises/{id:int}/archive", (int id, BuildingRegister register, EnterpriseQueries queries, CancellationToken ct) =>
            SetArchived(id, true, register, queries, ct)).WithName("ArchiveEnterprise").WithSummary("Leave an enterprise out of lists and pickers");
        write.MapPost("/enterprises/{id:int}/restore", (int id, BuildingRegister register, EnterpriseQueries queries, CancellationToken ct) =>
            SetArchived(id, false, register, queries, ct)).WithName("RestoreEnterprise").WithSummary("Bring an archived enterprise back");
    }

    private static async Task<Ok<Paged<EnterpriseView>>> List([AsParameters] EnterpriseListQuery query, EnterpriseQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(query.ToFilter(), ct));

    private static async Task<Results<Ok<EnterpriseView>, NotFound>> Get(int id, EnterpriseQueries queries, CancellationToken ct) =>
        await queries.GetAsync(id, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Results<Ok<IReadOnlyList<EnterpriseTenancyView>>, NotFound>> Tenancies(int id, EnterpriseQueries queries, CancellationToken ct) =>
        await queries.TenanciesAsync(id, ct) is { } tenancies ? TypedResults.Ok(tenancies) : TypedResults.NotFound();

    private static async Task<Results<Created<EnterpriseView>, ValidationProblem, ProblemHttpResult>> Create(
        EnterpriseInput input, BuildingRegister register, EnterpriseQueries queries, IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var result = await register.CreateEnterpriseAsync(input, ct);
        if (result.Value is not { } enterprise) return RegisterApi.Invalid(result, t);
        return TypedResults.Created($"/api/v1/enterprises/{enterprise.Id}", await queries.ViewAsync(enterprise, ct));
    }

    private static async Task<Results<Ok<EnterpriseView>, ValidationProblem, NotFound>> Update(
        int id, EnterpriseInput input, BuildingRegister register, EnterpriseQueries queries, IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var result = await register.UpdateEnterpriseAsync(id, input, ct);
        if (result.NotFound) return TypedResults.NotFound();
        if (result.Value is not { } enterprise) return RegisterApi.Invalid(result, t);
        return TypedResults.Ok(await queries.ViewAsync(enterprise, ct));
    }

    private static async Task<Results<Ok<EnterpriseView>, NotFound>> SetArchived(
        int id, bool archived, BuildingRegister register, EnterpriseQueries queries, CancellationToken ct) =>
        (await register.SetEnterpriseArchivedAsync(id, archived, ct)).Value is { } enterprise
            ? TypedResults.Ok(await queries.ViewAsync(enterprise, ct))
            : TypedResults.NotFound();
}
