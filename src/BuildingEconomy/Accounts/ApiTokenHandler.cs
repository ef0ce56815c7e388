using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Npgsql;
using NpgsqlTypes;

namespace BuildingEconomy.Accounts;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;token&gt;</c> as the token's user. Roles are read from the database
/// rather than frozen into the token, and kept only until an account changes (see <see cref="ApiTokenCache"/>), so
/// taking a role away or locking the user applies at once.
/// </summary>
public sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, NpgsqlDataSource dataSource, ApiTokenCache cache, TimeProvider clock)
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

        var now = clock.GetUtcNow();
        var hash = ApiTokens.Hash(secret);
        var found = cache.Find(hash);
        if (found is null)
        {
            var version = AccountChanges.Version;
            found = await FindTokenAsync(hash, Context.RequestAborted);
            if (found is not null) cache.Keep(hash, found, version);
        }
        if (found is null) return AuthenticateResult.Fail("Unknown token.");
        if (found.RevokedAt is not null) return AuthenticateResult.Fail("The token was revoked.");
        if (found.ExpiresAt <= now) return AuthenticateResult.Fail("The token has expired.");
        if (found.LockoutEnd > now) return AuthenticateResult.Fail("The token's user is locked out.");

        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, found.UserId),
            new(ClaimTypes.Name, found.UserName ?? found.UserId),
            new(ApiTokenDefaults.TokenIdClaim, found.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            .. found.Roles.Select(role => new Claim(ClaimTypes.Role, role)),
        ];
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    /// <summary>One round trip for the token, its user and the user's roles.</summary>
    private async Task<ApiTokenIdentity?> FindTokenAsync(string hash, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT t.id, t.revoked_at, t.expires_at, u.id, u.user_name, u.lockout_end,
                   array(SELECT r.name FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id)
            FROM api_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.hash = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = hash, NpgsqlDbType = NpgsqlDbType.Char });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        DateTimeOffset? Time(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
        return new ApiTokenIdentity(reader.GetInt32(0), Time(1), Time(2), reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4), Time(5), reader.GetFieldValue<string[]>(6));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return Task.CompletedTask;
    }
}
