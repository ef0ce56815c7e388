using System.Security.Claims;
using System.Text.Encodings.Web;
using BuildingEconomy.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace BuildingEconomy.Accounts;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;token&gt;</c> as the token's user. Roles are read from the database on
/// every call rather than frozen into the token, so taking a role away or locking the user applies at once.
/// </summary>
public sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, BuildingEconomyDbContext db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public static string? BearerToken(Microsoft.AspNetCore.Http.HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken(Request) is not { Length: > 0 } secret) return AuthenticateResult.NoResult();

        var hash = ApiTokens.Hash(secret);
        var now = clock.GetUtcNow();
        var found = await FindToken(db, hash, Context.RequestAborted);
        if (found?.User is not { } user) return AuthenticateResult.Fail("Unknown token.");
        if (found.RevokedAt is not null) return AuthenticateResult.Fail("The token was revoked.");
        if (found.ExpiresAt <= now) return AuthenticateResult.Fail("The token has expired.");
        if (user.LockoutEnd > now) return AuthenticateResult.Fail("The token's user is locked out.");

        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, user.Id),
            new(ClaimTypes.Name, user.UserName ?? user.Id),
            new(ApiTokenDefaults.TokenIdClaim, found.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            .. found.Roles.Select(role => new Claim(ClaimTypes.Role, role)),
        ];
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    private sealed record FoundToken(int Id, DateTimeOffset? RevokedAt, DateTimeOffset? ExpiresAt, AppUser? User, List<string> Roles);

    /// <summary>
    /// One round trip for the token, its user and the user's roles, compiled once: every API call pays for it.
    /// </summary>
    private static readonly Func<BuildingEconomyDbContext, string, CancellationToken, Task<FoundToken?>> FindToken =
        EF.CompileAsyncQuery((BuildingEconomyDbContext db, string hash, CancellationToken _) => db.ApiTokens.AsNoTracking()
            .Where(t => t.Hash == hash)
            .Select(t => new FoundToken(
                t.Id,
                t.RevokedAt,
                t.ExpiresAt,
                t.User,
                db.UserRoles.Where(ur => ur.UserId == t.UserId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList()))
            .SingleOrDefault());

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return Task.CompletedTask;
    }
}
