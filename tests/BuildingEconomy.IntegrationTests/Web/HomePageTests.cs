using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using BuildingEconomy.Accounts;
using BuildingEconomy.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BuildingEconomy.IntegrationTests.Web;

public class HomePageTests(SampleDistrictsAppFactory app) : IClassFixture<SampleDistrictsAppFactory>
{
    [Fact]
    public async Task The_home_page_is_in_Chinese_by_default()
    {
        var page = await GetPageAsync(await app.ClientAsAsync(Roles.Leader), "/");

        Assert.Equal("zh-CN", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("楼宇经济平台", page.QuerySelector(".brand")?.TextContent);
        Assert.Equal(SampleDistricts.Name, Figure(page, app.DistrictId, "name"));
        Assert.Equal("2026年10月", Figure(page, app.DistrictId, "latest-period"));
        Assert.Equal("English", page.QuerySelector(".culture-switch button")?.TextContent);
    }

    [Fact]
    public async Task The_overview_counts_what_is_in_the_district()
    {
        var page = await GetPageAsync(await app.ClientAsAsync(Roles.Leader), "/");

        Assert.Equal("2", Figure(page, app.DistrictId, "subdistricts"));
        Assert.Equal("3", Figure(page, app.DistrictId, "buildings"));
        Assert.Equal("5", Figure(page, app.DistrictId, "spaces"));
        Assert.Equal("3", Figure(page, app.DistrictId, "available-spaces"));
        Assert.Equal("1,280.75 m²", Figure(page, app.DistrictId, "available-area"));
        Assert.Equal("2", Figure(page, app.DistrictId, "resident-enterprises"));
        Assert.Equal("1 / 2", Figure(page, app.DistrictId, "reporting"));

        Assert.Equal(SampleDistricts.EmptyName, Figure(page, app.EmptyDistrictId, "name"));
        Assert.Equal("1", Figure(page, app.EmptyDistrictId, "subdistricts"));
        Assert.Equal("0", Figure(page, app.EmptyDistrictId, "buildings"));
        Assert.Equal("0.00 m²", Figure(page, app.EmptyDistrictId, "available-area"));
        Assert.Equal("尚无已受理的月报", Figure(page, app.EmptyDistrictId, "latest-period"));
    }

    [Fact]
    public async Task The_culture_query_gives_English()
    {
        var page = await GetPageAsync(await app.ClientAsAsync(Roles.Leader), "/?culture=en");

        AssertEnglish(page);
    }

    [Fact]
    public async Task The_culture_cookie_gives_English()
    {
        var client = await app.ClientAsAsync(Roles.Leader);
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");

        AssertEnglish(await GetPageAsync(client, "/"));
    }

    [Fact]
    public async Task The_language_switch_sets_the_cookie_and_returns_to_the_page()
    {
        // The client keeps cookies (the antiforgery one and then the culture one) and follows the redirect.
        var user = await app.CreateUserAsync("switcher", Roles.Leader);
        var client = await app.SignedInClientAsync(user.UserName!, allowAutoRedirect: true);
        var chinese = await GetPageAsync(client, "/");
        var form = chinese.QuerySelector<IHtmlFormElement>("form.culture-switch")!;

        using var switched = await client.PostAsync(form.GetAttribute("action"), FormContent(form));

        Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
        Assert.Equal("/", switched.RequestMessage?.RequestUri?.AbsolutePath);
        AssertEnglish(await ParseAsync(switched));
        AssertEnglish(await GetPageAsync(client, "/"));

        var back = (await GetPageAsync(client, "/?culture=en")).QuerySelector<IHtmlFormElement>("form.culture-switch")!;
        using var again = await client.PostAsync(back.GetAttribute("action"), FormContent(back));
        var page = await ParseAsync(again);
        Assert.Equal("楼宇经济平台", page.QuerySelector(".brand")?.TextContent);
        Assert.Equal("/", again.RequestMessage?.RequestUri?.PathAndQuery);
    }

    [Fact]
    public async Task The_language_switch_refuses_a_post_without_the_antiforgery_token()
    {
        var client = await app.ClientAsAsync(Roles.Leader);
        await GetPageAsync(client, "/");

        using var response = await client.PostAsync("/culture", new FormUrlEncodedContent(
            [new("culture", "en"), new("returnUrl", "/")]));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith(".AspNetCore.Culture", StringComparison.Ordinal)));
    }

    private void AssertEnglish(IHtmlDocument page)
    {
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Building Economy Platform", page.QuerySelector(".brand")?.TextContent);
        Assert.Equal(SampleDistricts.NameEn, Figure(page, app.DistrictId, "name"));
        Assert.Equal("October 2026", Figure(page, app.DistrictId, "latest-period"));
        Assert.Equal("1,280.75 m²", Figure(page, app.DistrictId, "available-area"));
        Assert.Equal("中文", page.QuerySelector(".culture-switch button")?.TextContent);
        Assert.DoesNotContain("楼宇经济平台", page.Body!.TextContent);
    }

    private static string? Figure(IDocument page, int districtId, string figure) =>
        page.QuerySelector($"tr[data-district='{districtId}'] [data-figure='{figure}']")?.TextContent.Trim();

    internal static async Task<IHtmlDocument> GetPageAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ParseAsync(response);
    }

    private static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    private static FormUrlEncodedContent FormContent(IHtmlFormElement form) =>
        new(form.QuerySelectorAll<IHtmlInputElement>("input[name]").Select(input => KeyValuePair.Create(input.Name!, input.Value)));
}
