using System.Security.Claims;
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

namespace BuildingEconomy.Returns;

/// <summary>A return as the API shows it; areas in m², the period as YYYY-MM.</summary>
public sealed record ReturnView(
    long Id, int BuildingId, string Period, int Version, string Status, string Channel, long? SupersedesId, string? CorrectionReason,
    DateTimeOffset SubmittedAt, DateTimeOffset? AppliedAt, bool ApplyFailed,
    decimal ForSaleArea, decimal ForRentArea, decimal SoldArea, decimal LeasedArea, decimal SelfUseArea, decimal ResidentArea,
    int LineCount, IReadOnlyList<ReturnLineView>? Lines)
{
    public static ReturnView From(MonthlyReturn r, bool withLines) => new(
        r.Id, r.BuildingId, ReturnValidator.FormatPeriod(r.Period), r.Version, r.Status.ToString(), r.Channel.ToString(), r.SupersedesId,
        r.CorrectionReason, r.SubmittedAt, r.AppliedAt, r.FailedAt is not null,
        r.ForSaleArea, r.ForRentArea, r.SoldArea, r.LeasedArea, r.SelfUseArea, r.ResidentArea, r.Lines.Count,
        withLines ? r.Lines.OrderBy(l => l.LineNumber).Select(ReturnLineView.From).ToList() : null);
}

public sealed record ReturnLineView(
    int LineNumber, string CreditCode, string EnterpriseName, string? Units, decimal Area, bool Purchased, string State,
    DateOnly? MovedInOn, bool RegisteredLocally, string? RegisteredPlace, int? Employees, string? IndustrySection,
    decimal? TaxAmount, string? TaxBasis)
{
    public static ReturnLineView From(ReturnLine l) => new(
        l.LineNumber, l.CreditCode, l.EnterpriseName, l.Units, l.Area, l.Purchased, l.State.ToString(), l.MovedInOn,
        l.RegisteredLocally, l.RegisteredPlace, l.Employees, l.IndustrySection, l.TaxAmount, l.TaxBasis?.ToString());
}

/// <summary>One reason a submission was refused, naming its field (JSON path) and, for roster lines, its row.</summary>
public sealed record ReturnErrorView(string Code, string Field, int? Row, string Message);

/// <summary>
/// The returns API for property-management systems, under /api/v1/returns, for callers with
/// <see cref="Policies.FileReturns"/> (API token or sign-in) and only for the buildings assigned to them.
/// </summary>
public static class ReturnsApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapReturnsApi(this IEndpointRouteBuilder endpoints)
    {
        var returns = endpoints.MapGroup("/api/v1/returns").WithTags("Returns").RequireAuthorization(Policies.FileReturns);
        returns.MapPost("", FileAsync).WithName("FileReturn")
            .WithSummary("File a building's monthly return (or correct an accepted month, with a reason)")
            .WithDescription("Send an Idempotency-Key header (e.g. a UUID) to make retries safe: the same key and body store one return and answer the same result.");
        returns.MapGet("/{id:long}", GetAsync).WithName("GetReturn").WithSummary("A return with its roster and its state");
        returns.MapGet("", ListAsync).WithName("ListReturns").WithSummary("A building's returns, newest first: every version, so corrections show");
        returns.MapGet("/draft", DraftAsync).WithName("DraftReturn").WithSummary("A month's return pre-filled from the month before");
        return endpoints;
    }

    private static async Task<Results<Accepted<ReturnView>, ProblemHttpResult>> FileAsync(
        ReturnSubmission submission, HttpContext http, ReturnFiling filing, IAccessScope scope, BuildingEconomyDbContext db,
        IStringLocalizer<SharedResource> t, CancellationToken cancellationToken)
    {
        var key = http.Request.Headers[IdempotencyKeyHeader].ToString();
        // Outside the caller's buildings it reads exactly like a building that does not exist, so nothing is revealed.
        if (!await scope.CanFileReturnsForAsync(submission.BuildingId, cancellationToken))
        {
            return Refused(t, [ReturnProblem.Of("BuildingUnknown", "buildingId", submission.BuildingId)]);
        }
        var result = await filing.FileAsync(submission, new FilingRequest(ReturnChannel.Api, SubmitterName(http.User), key), cancellationToken);
        if (result.Replayed) http.Response.Headers["Idempotent-Replayed"] = "true";
        if (result.Outcome == FilingOutcome.Rejected) return Refused(t, result.Problems);
        var monthly = result.Return!;
        // A replay answers from the stored return, whose roster was not loaded: count it so both answers read the same.
        var lines = result.Replayed ? await db.ReturnLines.CountAsync(l => l.ReturnId == monthly.Id, cancellationToken) : monthly.Lines.Count;
        return TypedResults.Accepted($"/api/v1/returns/{monthly.Id}", ReturnView.From(monthly, withLines: false) with { LineCount = lines });
    }

    private static async Task<Results<Ok<ReturnView>, NotFound>> GetAsync(
        long id, BuildingEconomyDbContext db, IAccessScope scope, CancellationToken cancellationToken)
    {
        var monthly = await db.MonthlyReturns.AsNoTracking().Include(r => r.Lines).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (monthly is null || !await scope.CanFileReturnsForAsync(monthly.BuildingId, cancellationToken)) return TypedResults.NotFound();
        return TypedResults.Ok(ReturnView.From(monthly, withLines: true));
    }

    private static async Task<Results<Ok<List<ReturnView>>, NotFound>> ListAsync(
        int buildingId, string? period, BuildingEconomyDbContext db, IAccessScope scope, CancellationToken cancellationToken)
    {
        if (!await scope.CanFileReturnsForAsync(buildingId, cancellationToken)) return TypedResults.NotFound();
        var query = db.MonthlyReturns.AsNoTracking().Where(r => r.BuildingId == buildingId);
        if (ReturnValidator.ParsePeriod(period, []) is { } month) query = query.Where(r => r.Period == month);
        var list = await query.OrderByDescending(r => r.Period).ThenByDescending(r => r.Version).Take(120)
            .Select(r => new { Return = r, Lines = r.Lines.Count }).ToListAsync(cancellationToken);
        return TypedResults.Ok(list.Select(x => ReturnView.From(x.Return, withLines: false) with { LineCount = x.Lines }).ToList());
    }

    private static async Task<Results<Ok<ReturnSubmission>, NotFound, ProblemHttpResult>> DraftAsync(
        int buildingId, string? period, ReturnDrafts drafts, IAccessScope scope, IStringLocalizer<SharedResource> t, CancellationToken cancellationToken)
    {
        var problems = new List<ReturnProblem>();
        if (ReturnValidator.ParsePeriod(period, problems) is not { } month) return Refused(t, problems);
        if (!await scope.CanFileReturnsForAsync(buildingId, cancellationToken)) return TypedResults.NotFound();
        var draft = await drafts.DraftAsync(buildingId, month, cancellationToken);
        return draft is null ? TypedResults.NotFound() : TypedResults.Ok(draft.Submission);
    }

    /// <summary>422 with every reason at once: <c>errors</c> lists code, field (JSON path), row and the message in the caller's language.</summary>
    private static ProblemHttpResult Refused(IStringLocalizer t, IReadOnlyList<ReturnProblem> problems) =>
        TypedResults.Problem(
            title: t["Returns.Api.Rejected"],
            statusCode: StatusCodes.Status422UnprocessableEntity,
            type: "https://building-economy/problems/return-rejected",
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = problems.Select(p => new ReturnErrorView(p.Code, p.Field, p.Row, p.Describe(t))).ToList(),
            });

    public static string? SubmitterName(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.Name) ?? user.FindFirstValue(ClaimTypes.NameIdentifier);
}
