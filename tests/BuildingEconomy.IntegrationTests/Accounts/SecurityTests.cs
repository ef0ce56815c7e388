using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using BuildingEconomy.Accounts;
using BuildingEconomy.IntegrationTests.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BuildingEconomy.IntegrationTests.Accounts;

/// <summary>Antiforgery, security headers, cookies, no inline script, 401 for the API and no stack traces.</summary>
public class SecurityTests(SecurityTests.Factory app) : IClassFixture<SecurityTests.Factory>
{
    private static readonly string[] AdminPages = ["/", "/Account/Manage", "/Admin", "/Admin/Users", "/Admin/Users/Create", "/Admin/Assignments", "/Admin/Tokens", "/Admin/Audit"];

    [Fact]
    public async Task Posting_a_form_without_the_antiforgery_token_is_refused_and_changes_nothing()
    {
        var admin = await app.SignedInClientAsync("admin");

        using var login = await app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).PostAsync(AccountsSetup.LoginPath,
            new FormUrlEncodedContent([new("Input.UserName", "admin"), new("Input.Password", SignIn.Password)]));
        using var create = await admin.PostAsync("/Admin/Users/Create", new FormUrlEncodedContent(
            [new("Input.UserName", "forged"), new("Input.Password", "forged-pass-2026"), new("Input.DisplayName", "伪造"), new("Input.Roles", Roles.Administrator)]));

        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
        Assert.DoesNotContain(login.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("be.auth=", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.DoesNotContain(db.Users, u => u.UserName == "forged");
    }

    [Fact]
    public async Task Every_form_on_the_account_and_administration_pages_carries_an_antiforgery_token()
    {
        var admin = await app.SignedInClientAsync("admin");
        var user = await app.CreateUserAsync("formcheck", Roles.Leader);

        foreach (var url in AdminPages.Append($"/Admin/Users/Edit/{user.Id}"))
        {
            var page = await new HtmlParser().ParseDocumentAsync(await admin.GetStringAsync(url));
            var posts = page.QuerySelectorAll("form").Where(f => string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.NotEmpty(posts);
            Assert.All(posts, form => Assert.NotNull(form.QuerySelector("input[name='__RequestVerificationToken']")));
        }
    }

    [Fact]
    public async Task Pages_have_no_inline_script_or_style_so_the_content_security_policy_can_forbid_them()
    {
        var admin = await app.SignedInClientAsync("admin");
        var anonymous = app.CreateClient();
        var pages = new List<(string Url, IDocument Page)> { ("/Account/Login", await new HtmlParser().ParseDocumentAsync(await anonymous.GetStringAsync("/Account/Login"))) };
        foreach (var url in AdminPages) pages.Add((url, await new HtmlParser().ParseDocumentAsync(await admin.GetStringAsync(url))));

        foreach (var (url, page) in pages)
        {
            Assert.All(page.QuerySelectorAll("script"), script => Assert.True(script.HasAttribute("src"), $"inline script on {url}"));
            Assert.True(page.QuerySelectorAll("style").Length == 0, $"<style> on {url}");
            Assert.True(page.QuerySelector("[style]") is null, $"style attribute on {url}: {page.QuerySelector("[style]")?.OuterHtml}");
            Assert.DoesNotContain(page.All, element => element.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task Responses_carry_the_security_headers()
    {
        using var response = await app.CreateClient().GetAsync("/Account/Login");
        using var api = await app.CreateClient().GetAsync("/api/account/me");

        foreach (var r in new[] { response, api })
        {
            var csp = string.Join(";", r.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", csp);
            Assert.Contains("style-src 'self'", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Contains("img-src 'self' data: https://tiles.example.test", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.DoesNotContain("unsafe-eval", csp);
            Assert.Equal("DENY", r.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("nosniff", r.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("strict-origin-when-cross-origin", r.Headers.GetValues("Referrer-Policy").Single());
        }
    }

    [Fact]
    public async Task The_sign_in_cookie_is_http_only_same_site_and_secure_over_https()
    {
        await app.CreateUserAsync("cookies", Roles.Leader);
        var https = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

        using var response = await SignIn.PostLoginAsync(https, "cookies", SignIn.Password);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(v => v.StartsWith("be.auth=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=lax", cookie);
        Assert.Contains("secure", cookie);
    }

    [Fact]
    public async Task The_API_answers_401_without_redirect_to_missing_or_bad_credentials()
    {
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var none = await anonymous.GetAsync("/api/account/me");
        using var bad = await app.BearerClient("be_not-a-real-token").GetAsync("/api/account/me");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Null(none.Headers.Location);
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Null(bad.Headers.Location);
    }

    [Fact]
    public async Task A_token_does_not_open_pages_which_need_the_sign_in_cookie()
    {
        var user = await app.CreateUserAsync("tokenonly", Roles.Administrator);
        var client = app.BearerClient(await SignIn.IssueTokenAsync(app.Database, user.Id));

        using var page = await client.GetAsync("/Admin/Users");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains(AccountsSetup.LoginPath, page.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_server_error_is_ProblemDetails_without_a_stack_trace()
    {
        var user = await app.CreateUserAsync("errors", Roles.Leader);
        var token = await SignIn.IssueTokenAsync(app.Database, user.Id);
        // Nothing listens on port 1: authenticating the token fails inside the app.
        using var broken = app.WithWebHostBuilder(builder => builder.UseSetting(
            "ConnectionStrings:BuildingEconomy", "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2"));
        var client = broken.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        using var response = await client.GetAsync("/api/account/me");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", body);
        Assert.DoesNotContain("Npgsql", body);
        Assert.DoesNotContain("Exception", body);
    }

    public sealed class Factory : WebAppFactory
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await this.CreateUserAsync("admin", Roles.Administrator);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Security:MapTileHosts:0", "https://tiles.example.test");
        }
    }
}
