using System.Security.Claims;

namespace BuildingEconomy.Accounts;

/// <summary>Who an audit entry names: the EF interceptor and the bulk import's set-based entries agree on it.</summary>
public sealed record AuditActor(string? UserId, string UserName)
{
    public static readonly AuditActor System = new(null, "system");

    public static AuditActor Of(ClaimsPrincipal? user)
    {
        if (user is null) return System;
        if (user.Identity?.IsAuthenticated != true) return new AuditActor(null, "anonymous");
        var name = user.Identity.Name ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "?";
        return new AuditActor(user.FindFirstValue(ClaimTypes.NameIdentifier),
            user.FindFirstValue(ApiTokenDefaults.TokenIdClaim) is { } tokenId ? $"{name} (token {tokenId})" : name);
    }
}
