using BuildingEconomy.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace BuildingEconomy.Web.Localization;

public static class CultureEndpoint
{
    public const string Path = "/culture";

    /// <summary>
    /// The language switch in the header posts here. Binding from a form makes the endpoint require an
    /// antiforgery token (checked by UseAntiforgery), so another site cannot flip a user's language.
    /// </summary>
    public static RouteHandlerBuilder MapCultureSwitch(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, SetCulture);

    private static Results<RedirectHttpResult, BadRequest> SetCulture(
        [FromForm] string culture, [FromForm] string? returnUrl, HttpContext http)
    {
        if (!Cultures.Supported.Any(supported => supported.Name == culture)) return TypedResults.BadRequest();

        http.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                // A language preference is needed for the site to work at all, so no consent is asked for it.
                IsEssential = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Path = http.Request.PathBase.HasValue ? http.Request.PathBase.Value : "/",
            });
        return TypedResults.LocalRedirect(LocalReturnUrl(returnUrl, http.Request.PathBase));
    }

    /// <summary>
    /// Only a path on this site, to rule out an open redirect; without ?culture=, which outranks the cookie and
    /// would undo the choice just made.
    /// </summary>
    internal static string LocalReturnUrl(string? returnUrl, PathString pathBase)
    {
        var home = pathBase.HasValue ? pathBase.Value! : "/";
        if (string.IsNullOrEmpty(returnUrl) || returnUrl[0] != '/' || returnUrl.StartsWith("//", StringComparison.Ordinal)
            || returnUrl.StartsWith("/\\", StringComparison.Ordinal))
        {
            return home;
        }

        var queryStart = returnUrl.IndexOf('?', StringComparison.Ordinal);
        if (queryStart < 0) return returnUrl;
        var query = QueryHelpers.ParseQuery(returnUrl[queryStart..]);
        query.Remove("culture");
        query.Remove("ui-culture");
        return returnUrl[..queryStart] + QueryString.Create(query).Value;
    }
}
