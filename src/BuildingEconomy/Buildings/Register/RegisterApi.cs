using BuildingEconomy.Accounts;
using BuildingEconomy.Data;
using BuildingEconomy.Localization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BuildingEconomy.Buildings.Register;

public sealed record SpaceDetails(int BuildingId, SpaceView Space);

public sealed record DuplicateCheck(bool LikelyDuplicate, IReadOnlyList<DuplicateCandidate> Candidates);

/// <summary>
/// The register's JSON API under /api/v1. Reads need <see cref="Policies.ViewRegister"/> and see only the buildings
/// the caller's scope allows (others answer 404, so their existence is not revealed); writes need
/// <see cref="Policies.ManageRegister"/>. Refusals are ProblemDetails whose errors are keyed by the field's JSON name.
/// </summary>
public static class RegisterApi
{
    public static IEndpointRouteBuilder MapBuildingRegisterApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Register");
        var read = api.MapGroup("").RequireAuthorization(Policies.ViewRegister);
        var write = api.MapGroup("").RequireAuthorization(Policies.ManageRegister);

        read.MapGet("/buildings", ListBuildings).WithName("ListBuildings").WithSummary("Buildings, filtered and paged");
        read.MapGet("/buildings/{id:int}", GetBuilding).WithName("GetBuilding").WithSummary("One building's facts");
        read.MapGet("/buildings/{id:int}/spaces", ListSpaces).WithName("ListSpaces").WithSummary("A building's spaces with their stacking-plan state");
        read.MapGet("/buildings/{id:int}/stacking-plan", GetStackingPlan).WithName("GetStackingPlan").WithSummary("Floors top to bottom with their units");
        read.MapGet("/buildings/{id:int}/tenancies", ListTenancies).WithName("ListTenancies").WithSummary("A building's tenant roster");
        read.MapGet("/buildings/{id:int}/figures", GetFigures).WithName("GetBuildingFigures").WithSummary("The latest 24 months of figures, oldest first");
        read.MapGet("/boundaries", BoundaryGeoJson.GetAsync).WithName("GetBoundaries").WithSummary("District and subdistrict boundaries as GeoJSON");

        write.MapGet("/buildings/duplicates", CheckDuplicates).WithName("CheckDuplicates")
            .WithSummary("Buildings within 50 m with a similar name, to check before saving");
        write.MapPost("/buildings", CreateBuilding).WithName("CreateBuilding");
        write.MapPut("/buildings/{id:int}", UpdateBuilding).WithName("UpdateBuilding");
        write.MapPost("/buildings/{id:int}/archive", (int id, BuildingRegister register, BuildingQueries queries, BuildingEconomyDbContext db, CancellationToken ct) =>
            ArchiveBuilding(id, true, register, queries, db, ct)).WithName("ArchiveBuilding");
        write.MapPost("/buildings/{id:int}/restore", (int id, BuildingRegister register, BuildingQueries queries, BuildingEconomyDbContext db, CancellationToken ct) =>
            ArchiveBuilding(id, false, register, queries, db, ct)).WithName("RestoreBuilding");

        write.MapPost("/buildings/{id:int}/spaces", CreateSpace).WithName("CreateSpace");
        write.MapPut("/spaces/{id:long}", UpdateSpace).WithName("UpdateSpace");
        write.MapPost("/spaces/{id:long}/archive", (long id, BuildingRegister register, BuildingQueries queries, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            ArchiveSpace(id, true, register, queries, t, ct)).WithName("ArchiveSpace");
        write.MapPost("/spaces/{id:long}/restore", (long id, BuildingRegister register, BuildingQueries queries, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            ArchiveSpace(id, false, register, queries, t, ct)).WithName("RestoreSpace");

        write.MapPost("/buildings/{id:int}/tenancies", CreateTenancy).WithName("CreateTenancy");
        write.MapPut("/tenancies/{id:long}", UpdateTenancy).WithName("UpdateTenancy");
        write.MapPost("/tenancies/{id:long}/archive", (long id, BuildingRegister register, BuildingQueries queries, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            ArchiveTenancy(id, register, queries, t, ct)).WithName("ArchiveTenancy");

        EnterpriseApi.Map(read, write);
        RegisterImportApi.Map(api);
        return endpoints;
    }

    // ---- buildings ----

    private static async Task<Ok<Paged<BuildingSummary>>> ListBuildings(
        [AsParameters] BuildingListQuery query, BuildingQueries queries, IAccessScope scope, BuildingEconomyDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(scope.VisibleBuildings(db.Buildings), query.ToFilter(), ct));

    private static async Task<Results<Ok<BuildingDetails>, NotFound>> GetBuilding(
        int id, BuildingQueries queries, IAccessScope scope, BuildingEconomyDbContext db, CancellationToken ct) =>
        await queries.GetAsync(scope.VisibleBuildings(db.Buildings), id, ct) is { } building ? TypedResults.Ok(building) : TypedResults.NotFound();

    private static async Task<Results<Ok<IReadOnlyList<SpaceView>>, NotFound>> ListSpaces(
        int id, bool? includeArchived, BuildingQueries queries, IAccessScope scope, CancellationToken ct) =>
        await scope.CanSeeBuildingAsync(id, ct) ? TypedResults.Ok(await queries.SpacesAsync(id, includeArchived ?? false, ct)) : TypedResults.NotFound();

    private static async Task<Results<Ok<IReadOnlyList<StackingFloor>>, NotFound>> GetStackingPlan(
        int id, BuildingQueries queries, IAccessScope scope, BuildingEconomyDbContext db, CancellationToken ct)
    {
        var building = await scope.VisibleBuildings(db.Buildings).AsNoTracking()
            .Where(b => b.Id == id).Select(b => new { b.FloorsAboveGround, b.FloorsBelowGround }).SingleOrDefaultAsync(ct);
        if (building is null) return TypedResults.NotFound();
        var spaces = await queries.SpacesAsync(id, includeArchived: false, ct);
        return TypedResults.Ok(BuildingQueries.StackingPlan(building.FloorsAboveGround, building.FloorsBelowGround, spaces));
    }

    private static async Task<Results<Ok<IReadOnlyList<TenantView>>, NotFound>> ListTenancies(
        int id, BuildingQueries queries, IAccessScope scope, CancellationToken ct) =>
        await scope.CanSeeBuildingAsync(id, ct) ? TypedResults.Ok(await queries.TenantsAsync(id, ct)) : TypedResults.NotFound();

    /// <summary>Tax amounts are left out for callers who may not see tax (investment officers).</summary>
    private static async Task<Results<Ok<IReadOnlyList<MonthFigures>>, NotFound>> GetFigures(
        int id, BuildingQueries queries, IAccessScope scope, CancellationToken ct) =>
        await scope.CanSeeBuildingAsync(id, ct) ? TypedResults.Ok(await queries.FiguresAsync(id, scope.CanSeeTax, 24, ct)) : TypedResults.NotFound();

    private static async Task<Ok<DuplicateCheck>> CheckDuplicates(
        string name, double longitude, double latitude, CoordinateSystem? coordinateSystem, int? excludeId, BuildingRegister register, CancellationToken ct)
    {
        var candidates = await register.FindDuplicatesAsync(name, longitude, latitude, coordinateSystem ?? CoordinateSystem.Wgs84, excludeId, ct);
        return TypedResults.Ok(new DuplicateCheck(candidates.Count > 0, candidates));
    }

    private static async Task<Results<Created<BuildingDetails>, ValidationProblem, ProblemHttpResult>> CreateBuilding(
        BuildingInput input, BuildingRegister register, BuildingQueries queries, BuildingEconomyDbContext db, IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var result = await register.CreateBuildingAsync(input, ct);
        if (result.Duplicates.Count > 0) return Duplicate(result, t);
        if (result.Value is not { } building) return Invalid(result, t);
        var details = (await queries.GetAsync(db.Buildings, building.Id, ct))!;
        return TypedResults.Created($"/api/v1/buildings/{building.Id}", details);
    }

    private static async Task<Results<Ok<BuildingDetails>, ValidationProblem, ProblemHttpResult, NotFound>> UpdateBuilding(
        int id, BuildingInput input, BuildingRegister register, BuildingQueries queries, BuildingEconomyDbContext db, IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var result = await register.UpdateBuildingAsync(id, input, ct);
        if (result.NotFound) return TypedResults.NotFound();
        if (result.Duplicates.Count > 0) return Duplicate(result, t);
        if (result.Value is null) return Invalid(result, t);
        return TypedResults.Ok((await queries.GetAsync(db.Buildings, id, ct))!);
    }

    private static async Task<Results<Ok<BuildingDetails>, NotFound>> ArchiveBuilding(
        int id, bool archived, BuildingRegister register, BuildingQueries queries, BuildingEconomyDbContext db, CancellationToken ct)
    {
        var result = await register.SetBuildingArchivedAsync(id, archived, ct);
        if (result.Value is null) return TypedResults.NotFound();
        return TypedResults.Ok((await queries.GetAsync(db.Buildings, id, ct))!);
    }

    // ---- spaces ----

    private static async Task<Results<Created<SpaceView>, ValidationProblem, ProblemHttpResult, NotFound>> CreateSpace(
        int id, SpaceInput input, BuildingRegister register, BuildingQueries queries, IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var result = await register.CreateSpaceAsync(id, input, ct);
        if (result.NotFound) return TypedResults.NotFound();
        if (result.Duplicates.Count > 0) return Duplicate(result, t);
        if (result.Value is not { } space) return Invalid(result, t);
        return TypedResults.Created($"/api/v1/spaces/{space.Id}", await SpaceViewAsync(queries, space, ct));
    }

    private static async Task<Results<Ok<SpaceView>, ValidationProblem, ProblemHttpResult, NotFound>> UpdateSpace(
        long id, SpaceInput input, BuildingRegister register, BuildingQueries queries, IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var result = await register.UpdateSpaceAsync(id, input, ct);
        if (result.NotFound) return TypedResults.NotFound();
        if (result.Duplicates.Count > 0) return Duplicate(result, t);
        if (result.Value is not { } space) return Invalid(result, t);
        return TypedResults.Ok(await SpaceViewAsync(queries, space, ct));
    }

    private static async Task<Results<Ok<SpaceView>, ValidationProblem, ProblemHttpResult, NotFound>> ArchiveSpace(
        long id, bool archived, BuildingRegister register, BuildingQueries queries, IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var result = await register.SetSpaceArchivedAsync(id, archived, ct);
        if (result.NotFound) return TypedResults.NotFound();
        if (result.Duplicates.Count > 0) return Duplicate(result, t);
        if (result.Value is not { } space) return Invalid(result, t);
        return TypedResults.Ok(await SpaceViewAsync(queries, space, ct));
    }

    private static async Task<SpaceView> SpaceViewAsync(BuildingQueries queries, Space space, CancellationToken ct) =>
        (await queries.SpacesAsync(space.BuildingId, includeArchived: true, ct)).Single(s => s.Id == space.Id);

    // ---- tenancies ----

    private static async Task<Results<Created<TenantView>, ValidationProblem, ProblemHttpResult, NotFound>> CreateTenancy(
        int id, TenancyInput input, BuildingRegister register, BuildingQueries queries, IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var result = await register.CreateTenancyAsync(id, input, ct);
        if (result.NotFound) return TypedResults.NotFound();
        if (result.Duplicates.Count > 0) return Duplicate(result, t);
        if (result.Value is not { } tenancy) return Invalid(result, t);
        return TypedResults.Created($"/api/v1/tenancies/{tenancy.Id}", (await queries.TenantsAsync(id, ct)).Single(x => x.Id == tenancy.Id));
    }

    private static async Task<Results<Ok<TenantView>, ValidationProblem, ProblemHttpResult, NotFound>> UpdateTenancy(
        long id, TenancyInput input, BuildingRegister register, BuildingQueries queries, IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var result = await register.UpdateTenancyAsync(id, input, ct);
        if (result.NotFound) return TypedResults.NotFound();
        if (result.Duplicates.Count > 0) return Duplicate(result, t);
        if (result.Value is not { } tenancy) return Invalid(result, t);
        return TypedResults.Ok((await queries.TenantsAsync(tenancy.BuildingId, ct)).Single(x => x.Id == tenancy.Id));
    }

    private static async Task<Results<NoContent, NotFound>> ArchiveTenancy(
        long id, BuildingRegister register, BuildingQueries queries, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        (await register.SetTenancyArchivedAsync(id, true, ct)).Value is null ? TypedResults.NotFound() : TypedResults.NoContent();

    // ---- shared ----

    /// <summary>409: the building was not saved because likely duplicates exist; the client may confirm and resend.</summary>
    internal static ProblemHttpResult Duplicate<T>(RegisterResult<T> result, IStringLocalizer t) where T : class =>
        TypedResults.Problem(
            title: t["Register.Api.LikelyDuplicateTitle"],
            detail: t["Register.Api.LikelyDuplicateDetail"],
            statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["duplicates"] = result.Duplicates });

    /// <summary>400 with the problems keyed by the fields' JSON names, in the caller's language.</summary>
    internal static ValidationProblem Invalid<T>(RegisterResult<T> result, IStringLocalizer t) where T : class =>
        TypedResults.ValidationProblem(RegisterMessages.ToErrors(t, result.Problems), title: t["Register.Api.InvalidTitle"]);
}

/// <summary>The query string of GET /api/v1/buildings.</summary>
public sealed record BuildingListQuery(string? Q, int? DistrictId, int? SubdistrictId, BuildingGrade? Grade, BuildingUse? Use, int? ThemeId,
    bool? IncludeArchived, int? Page, int? PageSize)
{
    public BuildingFilter ToFilter() => new()
    {
        Q = Q, DistrictId = DistrictId, SubdistrictId = SubdistrictId, Grade = Grade, Use = Use, ThemeId = ThemeId,
        IncludeArchived = IncludeArchived ?? false, Page = Page ?? 1, PageSize = PageSize ?? 50,
    };
}
