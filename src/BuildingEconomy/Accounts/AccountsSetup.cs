using System.Threading.RateLimiting;
using BuildingEconomy.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BuildingEconomy.Accounts;

public static class AccountsSetup
{
    /// <summary>The default scheme: the API token for /api/ calls that carry one, the sign-in cookie otherwise.</summary>
    public const string Scheme = "BuildingEconomy";

    /// <summary>The rate limiter policy of the login form (see <c>[EnableRateLimiting]</c> on the login page).</summary>
    public const string LoginRateLimit = "login";

    public const string LoginPath = "/Account/Login";
    public const string LogoutPath = "/Account/Logout";
    public const string AccessDeniedPath = "/Account/AccessDenied";

    public static bool IsApiRequest(HttpRequest request) => request.Path.StartsWithSegments("/api");

    public static IServiceCollection AddBuildingEconomyAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.TryAddSingleton(TimeProvider.System);

        services.AddIdentity<AppUser, IdentityRole>(options =>
            {
                // Long rather than complicated: ten characters with a letter and a digit.
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 4;
                options.Lockout.MaxFailedAccessAttempts = configuration.GetValue("Accounts:MaxFailedAccessAttempts", 5);
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<BuildingEconomyDbContext>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddClaimsPrincipalFactory<AppUserClaims>();

        // Registered after AddIdentity, so these defaults replace Identity's cookie-only ones.
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = Scheme;
                options.DefaultAuthenticateScheme = Scheme;
                options.DefaultChallengeScheme = Scheme;
                options.DefaultForbidScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, Scheme, options => options.ForwardDefaultSelector = http =>
                IsApiRequest(http.Request) && ApiTokenHandler.BearerToken(http.Request) is not null
                    ? ApiTokenDefaults.Scheme
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenDefaults.Scheme, null);

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = LoginPath;
            cookie.LogoutPath = LogoutPath;
            cookie.AccessDeniedPath = AccessDeniedPath;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            cookie.Cookie.Name = "be.auth";
            cookie.Cookie.HttpOnly = true;
            // Lax, not Strict: a link from a mail to a page should find the user signed in; cross-site POSTs still
            // carry no cookie, and every form has an antiforgery token besides.
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // An API caller is a program: it gets a status code, never the login page.
            cookie.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });
        // Role changes, lock-outs and password changes reach signed-in browsers within a minute, not half an hour.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddSingleton<ApiTokenCache>();
        services.AddBuildingEconomyAuthorization();
        services.AddScoped<IAccessScope>(provider => new AccessScope(
            provider.GetRequiredService<IHttpContextAccessor>().HttpContext?.User ?? new(),
            provider.GetRequiredService<BuildingEconomyDbContext>()));

        var loginsPerMinute = configuration.GetValue("Accounts:LoginAttemptsPerMinute", 10);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Only posted sign-in attempts count, per client address; showing the form is never limited.
            limiter.AddPolicy(LoginRateLimit, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = loginsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("show"));
        });
        return services;
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsApiRequest(context.Request))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
