using System.Text.Encodings.Web;
using System.Text.Unicode;
using BuildingEconomy.Localization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.WebEncoders;

namespace BuildingEconomy.Web.Localization;

public static class LocalizationSetup
{
    public static IServiceCollection AddBuildingEconomyLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Cultures.Chinese);
            options.SupportedCultures = [.. Cultures.Supported];
            options.SupportedUICultures = [.. Cultures.Supported];
            // No Accept-Language provider: the platform is Chinese whatever the browser's language, and English
            // only when the user picks it (the cookie) or a link asks for it (?culture=en).
            options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
            options.ApplyCurrentCultureToResponseHeaders = true;
        });
        // Razor's default encoder escapes every non-Latin character (楼 becomes &#x697C;), which nearly triples the
        // size of Chinese pages and makes their source unreadable; HTML-special characters are still escaped.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return services;
    }

    /// <summary>Validation messages of form models come from the same SharedResource as the pages.</summary>
    public static IMvcBuilder AddSharedResourceDataAnnotations(this IMvcBuilder mvc) =>
        mvc.AddDataAnnotationsLocalization(options =>
            options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
}
