using System.Globalization;
using System.Net;
using System.Text;
using BuildingEconomy.Accounts;
using BuildingEconomy.Data;
using BuildingEconomy.IntegrationTests.Infrastructure;
using BuildingEconomy.IntegrationTests.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BuildingEconomy.IntegrationTests.Accounts;

/// <summary>
/// Every endpoint the app maps (pages, API, static files), called by anonymous, by a signed-in user without roles
/// and by each role (pages with the sign-in cookie, API both with the cookie and with a Bearer token). The expected
/// outcome follows from the policy the endpoint declares and <see cref="AuthorizationSpec"/>; an endpoint that
/// declares no policy and no AllowAnonymous fails the first test. Nothing needs adding here for a new endpoint.
/// </summary>
public class AuthorizationMatrixTests(AuthorizationMatrixTests.Factory app) : IClassFixture<AuthorizationMatrixTests.Factory>
{
    public const string OutcomeHeader = "X-Test-Authorization";

    [Fact]
    public void Every_endpoint_declares_a_known_policy_or_allows_anonymous()
    {
        var undeclared = Endpoints()
            .Select(endpoint => (endpoint, problem: DeclarationProblem(endpoint)))
            .Where(e => e.problem is not null)
            .Select(e => $"{Describe(e.endpoint)}: {e.problem}")
            .ToList();

        Assert.True(undeclared.Count == 0,
            "Declare a policy (RequireAuthorization(Policies.X) / [Authorize(Policy = Policies.X)]) or AllowAnonymous on:\n" + string.Join("\n", undeclared));
    }

    [Fact]
    public async Task Every_endpoint_answers_each_role_and_anonymous_as_its_policy_says()
    {
        var callers = await app.CallersAsync();
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var endpoint in Endpoints().Where(e => DeclarationProblem(e) is null))
        {
            var (method, url) = Request(endpoint, app.BuildingId);
            var api = url.StartsWith("/api/", StringComparison.Ordinal);
            foreach (var caller in callers.Where(c => api || !c.ViaToken))
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method != HttpMethods.Get && method != HttpMethods.Head) request.Content = Body(endpoint);
                using var response = await caller.Client.SendAsync(request);
                checkedCount++;
                var problem = Judge(endpoint, caller, api, response);
                if (problem is not null) failures.Add($"{method} {url} as {caller.Name}: {problem}");
            }
        }

        Assert.True(checkedCount > 100, $"Only {checkedCount} requests were made: are the endpoints enumerated?");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void The_matrix_covers_the_pages_and_the_API()
    {
        var routes = Endpoints().Select(e => "/" + e.RoutePattern.RawText?.TrimStart('/')).ToHashSet();
        Assert.Contains("/Account/Login", routes);
        Assert.Contains("/Admin/Users", routes);
        Assert.Contains("/api/account/buildings/{id:int}", routes);
        Assert.Contains("/health", routes);
    }

    /// <summary>
    /// Every routed endpoint but MapStaticAssets' Development-only fallback for files added after the build (absent in
    /// production; here the fallback policy, signed in with a role, covers it).
    /// </summary>
    private IEnumerable<RouteEndpoint> Endpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !(e.Order == int.MaxValue && e.RoutePattern.RawText == "{**path:file}"))
            .OrderBy(e => e.RoutePattern.RawText, StringComparer.Ordinal);

    private static string? DeclarationProblem(RouteEndpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null) return null;
        var declared = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
        if (declared.Count == 0) return "no policy declared";
        if (declared.Any(d => d.Policy is null)) return "[Authorize] without a policy name";
        if (declared.FirstOrDefault(d => !AuthorizationSpec.AllowedRoles.ContainsKey(d.Policy!)) is { } unknown)
            return $"policy {unknown.Policy} is not in AuthorizationSpec";
        return null;
    }

    /// <summary>Null when the response is what the declared policy says; otherwise what went wrong.</summary>
    private static string? Judge(RouteEndpoint endpoint, Caller caller, bool api, HttpResponseMessage response)
    {
        var outcome = response.Headers.TryGetValues(OutcomeHeader, out var values) ? values.Single() : "allowed";
        var status = (int)response.StatusCode;
        var location = response.Headers.Location?.OriginalString ?? "";
        bool allowed;
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null) allowed = true;
        else if (caller.Role is null) allowed = false;
        else
        {
            // Several declarations (a group's and the endpoint's own) must all pass.
            allowed = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().All(d => AuthorizationSpec.AllowedRoles[d.Policy!].Contains(caller.Role));
        }
        var anonymous = caller.Name == "anonymous";

        if (allowed)
        {
            if (outcome != "allowed") return $"expected to be let in, got {outcome} ({status})";
            // 403 and 404 are a handler's to give for an object outside the caller's scope; 401 never is.
            return status == 401 ? "let in by the policy but answered 401" : null;
        }
        var expectedOutcome = anonymous ? "challenged" : "forbidden";
        if (outcome != expectedOutcome) return $"expected {expectedOutcome}, got {outcome} ({status})";
        if (api)
        {
            if (status != (anonymous ? 401 : 403)) return $"API expected {(anonymous ? 401 : 403)}, got {status} {location}";
            return null;
        }
        var page = anonymous ? AccountsSetup.LoginPath : AccessDeniedPrefix;
        return status == 302 && location.Contains(page, StringComparison.Ordinal) ? null : $"page expected a redirect to {page}, got {status} {location}";
    }

    private const string AccessDeniedPrefix = AccountsSetup.AccessDeniedPath;

    /// <summary>
    /// A request for the endpoint: GET where it allows it. Integer route values are a building every scoped role can
    /// see for reads, and a number that matches nothing for writes, so no write lands whoever is let in.
    /// </summary>
    private static (string Method, string Url) Request(RouteEndpoint endpoint, int buildingId)
    {
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
        var method = methods.Count == 0 || methods.Contains(HttpMethods.Get) ? HttpMethods.Get : methods[0];
        var safe = method == HttpMethods.Get;
        var url = new StringBuilder();
        foreach (var segment in endpoint.RoutePattern.PathSegments)
        {
            url.Append('/');
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        url.Append(literal.Content);
                        break;
                    case RoutePatternSeparatorPart separator:
                        url.Append(separator.Content);
                        break;
                    case RoutePatternParameterPart parameter when parameter.IsOptional || parameter.Default is not null:
                        break;
                    case RoutePatternParameterPart parameter:
                        var numeric = parameter.ParameterPolicies.Any(p => p.Content is "int" or "long" or "min(1)" or "range(1,2147483647)");
                        url.Append(numeric ? (safe ? buildingId : 2_000_000_000).ToString(CultureInfo.InvariantCulture)
                            : parameter.ParameterPolicies.Any(p => p.Content == "guid") ? Guid.Empty.ToString() : "x");
                        break;
                }
            }
        }
        var path = url.Length == 0 ? "/" : url.ToString().Replace("//", "/", StringComparison.Ordinal);
        return (method, path);
    }

    /// <summary>
    /// A body of the type the endpoint accepts (else routing answers 415 before authorization runs) that no handler
    /// acts on: JSON null for a required body parameter is a 400, an empty form lacks the antiforgery token.
    /// </summary>
    private static HttpContent Body(RouteEndpoint endpoint)
    {
        var accepts = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes ?? [];
        if (accepts.Any(type => type.Contains("json", StringComparison.OrdinalIgnoreCase)))
        {
            return new StringContent("null", Encoding.UTF8, "application/json");
        }
        if (accepts.FirstOrDefault(type => type.StartsWith("multipart/", StringComparison.Ordinal)) is not null)
        {
            return new MultipartFormDataContent();
        }
        return new FormUrlEncodedContent([]);
    }

    private static string Describe(RouteEndpoint endpoint) =>
        $"{string.Join(",", endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])} /{endpoint.RoutePattern.RawText?.TrimStart('/')} ({endpoint.DisplayName})";

    public sealed record Caller(string Name, string? Role, HttpClient Client, bool ViaToken);

    /// <summary>
    /// Marks the authorization middleware's own decision on the response, so the test can tell a policy's refusal
    /// from a handler's 403/404 for an object outside the caller's scope.
    /// </summary>
    private sealed class RecordingResultHandler : IAuthorizationMiddlewareResultHandler
    {
        private readonly AuthorizationMiddlewareResultHandler inner = new();

        public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
        {
            if (authorizeResult.Challenged) context.Response.Headers[OutcomeHeader] = "challenged";
            else if (authorizeResult.Forbidden) context.Response.Headers[OutcomeHeader] = "forbidden";
            return inner.HandleAsync(next, context, policy, authorizeResult);
        }
    }

    public sealed class Factory : WebAppFactory
    {
        private List<Caller>? callers;

        /// <summary>A building in the sample district, assigned to the property contact and the contact official.</summary>
        public int BuildingId { get; private set; }

        protected override async Task SeedAsync(BuildingEconomyDbContext db)
        {
            await SampleDistricts.SeedAsync(db);
            BuildingId = await db.Buildings.Where(b => b.ExternalKey == "B1").Select(b => b.Id).SingleAsync();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IAuthorizationMiddlewareResultHandler, RecordingResultHandler>());
        }

        public async Task<IReadOnlyList<Caller>> CallersAsync()
        {
            if (callers is not null) return callers;
            var list = new List<Caller> { new("anonymous", null, CreateClient(new() { AllowAutoRedirect = false }), ViaToken: false) };
            var norole = await this.CreateUserAsync("norole");
            list.Add(new("signed in without a role", null, await this.SignedInClientAsync("norole"), ViaToken: false));
            list.Add(new("token without a role", null, this.BearerClient(await SignIn.IssueTokenAsync(Database, norole.Id)), ViaToken: true));
            foreach (var role in Roles.All)
            {
                var user = await this.CreateUserAsync(role.ToLowerInvariant(), role);
                list.Add(new(role, role, await this.SignedInClientAsync(user.UserName!), ViaToken: false));
                list.Add(new(role + " (token)", role, this.BearerClient(await SignIn.IssueTokenAsync(Database, user.Id)), ViaToken: true));
                await using var db = Database.CreateContext();
                if (role == Roles.PropertyContact || role == Roles.ContactOfficial)
                {
                    db.BuildingAssignments.Add(new BuildingAssignment
                    {
                        UserId = user.Id,
                        BuildingId = BuildingId,
                        Kind = role == Roles.PropertyContact ? AssignmentKind.PropertyContact : AssignmentKind.ContactOfficial,
                    });
                    await db.SaveChangesAsync();
                }
            }
            return callers = list;
        }
    }
}
