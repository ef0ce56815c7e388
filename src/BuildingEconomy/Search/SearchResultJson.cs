using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BuildingEconomy.Search;

/// <summary>
/// 200 with a search result, as <c>Ok&lt;SpaceSearchResult&gt;</c> would write it, except that building groups the
/// PostgreSQL engine already wrote as JSON (<see cref="BuildingGroupsJson"/>) are copied into the answer rather than
/// read and written again. Tests hold the two ways of writing to the same JSON.
/// </summary>
public sealed class SearchResultJson(SpaceSearchResult result) : IResult, IEndpointMetadataProvider
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var options = httpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        if (result.Buildings is not BuildingGroupsJson groups)
        {
            await response.WriteAsJsonAsync(result, options, httpContext.RequestAborted);
            return;
        }

        response.ContentType = "application/json; charset=utf-8";
        await using (var writer = new Utf8JsonWriter(response.BodyWriter, new JsonWriterOptions { Encoder = options.Encoder, SkipValidation = true }))
        {
            string Name(string property) => options.PropertyNamingPolicy?.ConvertName(property) ?? property;
            writer.WriteStartObject();
            writer.WriteNumber(Name(nameof(result.TotalSpaces)), result.TotalSpaces);
            writer.WriteNumber(Name(nameof(result.TotalBuildings)), result.TotalBuildings);
            writer.WriteNumber(Name(nameof(result.Page)), result.Page);
            writer.WriteNumber(Name(nameof(result.PageSize)), result.PageSize);
            writer.WritePropertyName(Name(nameof(result.Buildings)));
            writer.WriteRawValue(groups.Json, skipInputValidation: true);
            writer.WritePropertyName(Name(nameof(result.Facets)));
            JsonSerializer.Serialize(writer, result.Facets, options);
            writer.WriteString(Name(nameof(result.Engine)), result.Engine);
            writer.WriteNumber(Name(nameof(result.TotalPages)), result.TotalPages);
            writer.WriteEndObject();
        }
        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    /// <summary>Describes the answer in the OpenAPI document as <c>Ok&lt;SpaceSearchResult&gt;</c> does.</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(SpaceSearchResult), ["application/json"]));
}
