using System.Net;
using AngleSharp.Html.Parser;
using BuildingEconomy.Accounts;
using BuildingEconomy.IntegrationTests.Web;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BuildingEconomy.IntegrationTests.Accounts;

public class SignInTests(WebAppFactory app) : IClassFixture<WebAppFactory>
{
    [Fact]
    public async Task Anonymous_pages_redirect_to_the_login_page_and_back()
    {
        await app.CreateUserAsync("returner", Roles.Leader);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var home = await client.GetAsync("/Account/Manage");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Contains("/Account/Login?ReturnUrl=%2FAccount%2FManage", home.Headers.Location?.OriginalString);

        var (_, token) = await SignIn.GetFormAsync(client, home.Headers.Location!.OriginalString);
        using var login = await client.PostAsync("/Account/Login?ReturnUrl=%2FAccount%2FManage", new FormUrlEncodedContent(
            [new("Input.UserName", "returner"), new("Input.Password", SignIn.Password), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/Account/Manage", login.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_login_page_refuses_to_send_users_to_another_site()
    {
        await app.CreateUserAsync("offsite", Roles.Leader);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var (_, token) = await SignIn.GetFormAsync(client, "/Account/Login");

        using var login = await client.PostAsync("/Account/Login?ReturnUrl=https%3A%2F%2Fevil.example%2F", new FormUrlEncodedContent(
            [new("Input.UserName", "offsite"), new("Input.Password", SignIn.Password), new("__RequestVerificationToken", token)]));

        Assert.Equal("/", login.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_login_page_is_Chinese_and_a_wrong_password_says_so_without_naming_the_cause()
    {
        await app.CreateUserAsync("wrongpw", Roles.Leader);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var wrong = await SignIn.PostLoginAsync(client, "wrongpw", "not-the-password-1");
        using var unknown = await SignIn.PostLoginAsync(client, "nobody-here", "not-the-password-1");

        var wrongPage = await new HtmlParser().ParseDocumentAsync(await wrong.Content.ReadAsStringAsync());
        var unknownPage = await new HtmlParser().ParseDocumentAsync(await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal("用户名或密码不正确。", wrongPage.QuerySelector("[data-test='login-error']")?.TextContent);
        Assert.Equal(wrongPage.QuerySelector("[data-test='login-error']")?.TextContent, unknownPage.QuerySelector("[data-test='login-error']")?.TextContent);
        Assert.Equal("登录", wrongPage.QuerySelector("h1")?.TextContent);
        Assert.DoesNotContain(wrong.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("be.auth=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var user = await app.CreateUserAsync("lockme", Roles.Leader);
        var token = await SignIn.IssueTokenAsync(app.Database, user.Id);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await SignIn.PostLoginAsync(client, "lockme", "not-the-password-1");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        using var right = await SignIn.PostLoginAsync(client, "lockme", SignIn.Password);
        var page = await new HtmlParser().ParseDocumentAsync(await right.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("锁定", page.QuerySelector("[data-test='login-error']")?.TextContent);
        Assert.DoesNotContain(right.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("be.auth=", StringComparison.Ordinal)));
        // A locked user's API tokens stop working too.
        using var api = await app.BearerClient(token).GetAsync("/api/account/me");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_user_changes_their_password()
    {
        await app.CreateUserAsync("changer", Roles.InvestmentOfficer);
        var client = await app.SignedInClientAsync("changer");

        using var tooShort = await SignIn.PostFormAsync(client, "/Account/Manage", "/Account/Manage",
            ("Input.CurrentPassword", SignIn.Password), ("Input.NewPassword", "short1"), ("Input.ConfirmPassword", "short1"));
        Assert.Contains("密码至少需要10个字符", await tooShort.Content.ReadAsStringAsync());

        using var changed = await SignIn.PostFormAsync(client, "/Account/Manage", "/Account/Manage",
            ("Input.CurrentPassword", SignIn.Password), ("Input.NewPassword", "a-new-password-9"), ("Input.ConfirmPassword", "a-new-password-9"));
        var page = await new HtmlParser().ParseDocumentAsync(await changed.Content.ReadAsStringAsync());
        Assert.NotNull(page.QuerySelector("[data-test='password-changed']"));

        using var old = await SignIn.PostLoginAsync(app.CreateClient(new() { AllowAutoRedirect = false }), "changer", SignIn.Password);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        using var fresh = await SignIn.PostLoginAsync(app.CreateClient(new() { AllowAutoRedirect = false }), "changer", "a-new-password-9");
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        await app.CreateUserAsync("leaver", Roles.Leader);
        var client = await app.SignedInClientAsync("leaver");

        using var logout = await SignIn.PostFormAsync(client, "/Account/Logout", "/Account/Logout");
        using var after = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains(AccountsSetup.LoginPath, after.Headers.Location?.OriginalString);
    }
}
