namespace BuildingEconomy.Web.Security;

public sealed class SecurityHeadersOptions
{
    /// <summary>
    /// Hosts map tiles are loaded from (e.g. "https://t0.tianditu.gov.cn"), added to img-src. Empty by default:
    /// nothing is loaded from another site until an operator allows it.
    /// </summary>
    public List<string> MapTileHosts { get; set; } = [];
}

public static class SecurityHeaders
{
    public static IServiceCollection AddBuildingEconomySecurityHeaders(this IServiceCollection services, IConfiguration configuration) =>
        services.Configure<SecurityHeadersOptions>(configuration.GetSection("Security"));

    /// <summary>
    /// On every response, pages and API alike. No inline script or style is allowed, so an injected &lt;script&gt; or
    /// style attribute does nothing; pages load their code from /dist and /css only.
    /// </summary>
    public static IApplicationBuilder UseBuildingEconomySecurityHeaders(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityHeadersOptions>>().Value;
        var policy = ContentSecurityPolicy(options.MapTileHosts);
        // The interactive API page (Scalar) configures itself with an inline module and inline styles. It shows
        // only the public OpenAPI document, so it alone gets them; every other page keeps the strict policy.
        var apiReferencePolicy = policy.Replace("script-src 'self'", "script-src 'self' 'unsafe-inline'", StringComparison.Ordinal)
            .Replace("style-src 'self'", "style-src 'self' 'unsafe-inline'", StringComparison.Ordinal);
        return app.Use((context, next) =>
        {
            var isApiReference = context.Request.Path.StartsWithSegments("/scalar");
            // Set as the response starts: the exception handler clears headers set any earlier.
            context.Response.OnStarting(() =>
            {
                Apply(context.Response.Headers, isApiReference ? apiReferencePolicy : policy);
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    private static void Apply(IHeaderDictionary headers, string policy)
    {
        headers.ContentSecurityPolicy = policy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(self), payment=()";
    }

    internal static string ContentSecurityPolicy(IEnumerable<string> tileHosts)
    {
        var images = string.Join(' ', ["'self'", "data:", .. tileHosts.Where(h => !string.IsNullOrWhiteSpace(h) && !h.Any(char.IsWhiteSpace) && !h.Contains(';'))]);
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src " + images +
            "; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }
}
