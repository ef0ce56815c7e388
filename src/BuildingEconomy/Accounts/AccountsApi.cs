using BuildingEconomy.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.Accounts;

public sealed record CallerResponse(string UserName, string DisplayName, IReadOnlyList<string> Roles, bool CanSeeTax);

public sealed record ScopedBuildingResponse(int Id, string Name, bool CanFileReturns);

/// <summary>
/// What a caller (typically a property company's system with an API token) may do: who it acts as, and the
/// buildings it files returns for. A building outside the caller's scope is 404, the same as one that does not exist.
/// </summary>
public static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/account").RequireAuthorization(Policies.ViewRegister).WithTags("Account");
        group.MapGet("/me", GetCallerAsync);
        group.MapGet("/buildings", GetFilableBuildingsAsync);
        group.MapGet("/buildings/{id:int}", GetBuildingAsync);
        return group;
    }

    private static async Task<Results<Ok<CallerResponse>, UnauthorizedHttpResult>> GetCallerAsync(
        IAccessScope scope, BuildingEconomyDbContext db, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == scope.UserId, cancellationToken);
        if (user is null) return TypedResults.Unauthorized();
        return TypedResults.Ok(new CallerResponse(user.UserName ?? user.Id, user.DisplayName, [.. Roles.All.Where(scope.IsInRole)], scope.CanSeeTax));
    }

    private static async Task<Ok<List<ScopedBuildingResponse>>> GetFilableBuildingsAsync(
        IAccessScope scope, BuildingEconomyDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await scope.FilableBuildings(db.Buildings.AsNoTracking())
            .OrderBy(b => b.Id)
            .Select(b => new ScopedBuildingResponse(b.Id, b.Name, true))
            .ToListAsync(cancellationToken));

    private static async Task<Results<Ok<ScopedBuildingResponse>, NotFound>> GetBuildingAsync(
        int id, IAccessScope scope, BuildingEconomyDbContext db, CancellationToken cancellationToken)
    {
        var building = await scope.VisibleBuildings(db.Buildings.AsNoTracking())
            .Where(b => b.Id == id)
            .Select(b => new { b.Id, b.Name })
            .SingleOrDefaultAsync(cancellationToken);
        if (building is null) return TypedResults.NotFound();
        return TypedResults.Ok(new ScopedBuildingResponse(building.Id, building.Name, await scope.CanFileReturnsForAsync(id, cancellationToken)));
    }
}
