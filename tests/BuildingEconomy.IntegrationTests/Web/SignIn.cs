using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using BuildingEconomy.Accounts;
using BuildingEconomy.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BuildingEconomy.IntegrationTests.Web;

/// <summary>Users, sign-in and API tokens for tests that go through the web app as a given role.</summary>
public static class SignIn
{
    public const string Password = "test-password-2026";

    /// <summary>A new user holding <paramref name="roles"/>, created through the app's own UserManager.</summary>
    public static async Task<AppUser> CreateUserAsync<TEntryPoint>(this WebApplicationFactory<TEntryPoint> app, string userName, params string[] roles)
        where TEntryPoint : class
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = userName, DisplayName = "测试" + userName, CreatedAt = DateTimeOffset.UtcNow };
        Check(await users.CreateAsync(user, Password));
        if (roles.Length > 0) Check(await users.AddToRolesAsync(user, roles));
        return user;
    }

    /// <summary>A client signed in through the login form, keeping its cookies.</summary>
    public static async Task<HttpClient> SignedInClientAsync<TEntryPoint>(this WebApplicationFactory<TEntryPoint> app, string userName,
        string password = Password, bool allowAutoRedirect = false)
        where TEntryPoint : class
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = allowAutoRedirect });
        using var response = await PostLoginAsync(client, userName, password);
        // Following redirects, success is leaving the login page; otherwise it is the redirect itself.
        var signedIn = allowAutoRedirect
            ? response.RequestMessage?.RequestUri?.AbsolutePath != AccountsSetup.LoginPath
            : response.StatusCode == HttpStatusCode.Redirect;
        Assert.True(signedIn, $"Sign-in as {userName} failed: {(int)response.StatusCode}");
        return client;
    }

    /// <summary>A new user with <paramref name="roles"/>, signed in.</summary>
    public static async Task<HttpClient> ClientAsAsync<TEntryPoint>(this WebApplicationFactory<TEntryPoint> app, params string[] roles)
        where TEntryPoint : class
    {
        var user = await app.CreateUserAsync($"u{Guid.NewGuid():N}"[..12], roles);
        return await app.SignedInClientAsync(user.UserName!);
    }

    /// <summary>Fills in and posts the login form, as a browser would (antiforgery token included).</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password)
    {
        var form = await GetFormAsync(client, AccountsSetup.LoginPath);
        return await client.PostAsync(AccountsSetup.LoginPath, new FormUrlEncodedContent(
            [new("Input.UserName", userName), new("Input.Password", password), new("__RequestVerificationToken", form.Token)]));
    }

    /// <summary>The page's antiforgery token (and the page), fetched with the client's cookies.</summary>
    public static async Task<(IHtmlDocument Page, string Token)> GetFormAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode}");
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        var token = page.QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")?.Value;
        Assert.False(string.IsNullOrEmpty(token), $"No antiforgery token on {url}");
        return (page, token!);
    }

    /// <summary>Posts a form on <paramref name="url"/> with the page's antiforgery token and the given fields.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string action, params (string Name, string Value)[] fields)
    {
        var (_, token) = await GetFormAsync(client, url);
        return await client.PostAsync(action, new FormUrlEncodedContent(
            [.. fields.Select(f => KeyValuePair.Create(f.Name, f.Value)), new("__RequestVerificationToken", token)]));
    }

    /// <summary>A token for <paramref name="userId"/>, stored the way the admin page stores it.</summary>
    public static async Task<string> IssueTokenAsync(TestDatabase database, string userId)
    {
        await using var db = database.CreateContext();
        var (token, secret) = ApiTokens.Create(userId, "test", "test", DateTimeOffset.UtcNow);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync();
        return secret;
    }

    public static HttpClient BearerClient<TEntryPoint>(this WebApplicationFactory<TEntryPoint> app, string token)
        where TEntryPoint : class
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
}
