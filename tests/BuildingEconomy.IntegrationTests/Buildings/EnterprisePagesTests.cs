using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using BuildingEconomy.Accounts;
using BuildingEconomy.Buildings;
using BuildingEconomy.IntegrationTests.Web;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.IntegrationTests.Buildings;

/// <summary>The enterprise pages, server-rendered, over the sample districts.</summary>
public class EnterprisePagesTests(SampleDistrictsAppFactory app) : IClassFixture<SampleDistrictsAppFactory>
{
    private readonly string token = new(Enumerable.Range(0, 2).Select(_ => (char)Random.Shared.Next(0x9F00, 0x9FA0)).ToArray());

    private static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>An enterprise with a tenancy in 楼宇B1 (a building of the sample district), stored directly.</summary>
    private async Task<(Enterprise Enterprise, Building Building)> SeedAsync(string name)
    {
        await using var db = app.Database.CreateContext();
        var building = await db.Buildings.FirstAsync(b => b.Name == "楼宇B1");
        var enterprise = new Enterprise { CreditCode = EnterpriseApiTests.NewCreditCode(), Name = name, RegisteredDistrictCode = "330108", UpdatedAt = DateTimeOffset.UtcNow };
        db.Enterprises.Add(enterprise);
        db.Tenancies.Add(new Tenancy { BuildingId = building.Id, Enterprise = enterprise, Units = "801", Area = 250m, SignedOn = new(2026, 1, 5), MovedInOn = new(2026, 2, 1), UpdatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        return (enterprise, building);
    }

    [Fact]
    public async Task The_list_finds_an_enterprise_by_a_two_character_term_and_links_to_its_page_with_its_buildings()
    {
        var (enterprise, building) = await SeedAsync($"{token}星河网络有限公司");
        var officer = await app.ClientAsAsync(Roles.InvestmentOfficer);

        using var list = await officer.GetAsync($"/Enterprises?q={Uri.EscapeDataString(token)}&registered=Here");
        var page = await ParseAsync(list);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var link = Assert.Single(page.QuerySelectorAll("[data-test=enterprises] tbody th a"));
        Assert.Equal($"{token}星河网络有限公司", link.TextContent);
        Assert.Equal($"/Enterprises/{enterprise.Id}", link.GetAttribute("href"));
        Assert.Equal("共 1 家企业", page.QuerySelector("[data-test=enterprise-count]")!.TextContent);

        using var details = await officer.GetAsync($"/Enterprises/{enterprise.Id}");
        var detailsPage = await ParseAsync(details);
        var row = Assert.Single(detailsPage.QuerySelectorAll("[data-test=tenancies] tbody tr"));
        Assert.Equal($"/Buildings/{building.Id}", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("801", row.TextContent);
        Assert.Equal("滨江区", detailsPage.QuerySelector("[data-fact=registered]")!.TextContent);
        // Officers read enterprises but do not maintain them.
        Assert.Null(detailsPage.QuerySelector("[data-test=enterprise-form]"));
    }

    [Fact]
    public async Task An_administrator_edits_an_enterprise_sees_errors_by_field_and_archives_and_restores_it()
    {
        var (enterprise, _) = await SeedAsync($"{token}编辑测试有限公司");
        var admin = await app.ClientAsAsync(Roles.Administrator);
        var url = $"/Enterprises/{enterprise.Id}";

        using (var bad = await SignIn.PostFormAsync(admin, url, url, ("Form.CreditCode", enterprise.CreditCode[..17] + (enterprise.CreditCode[17] == '0' ? '1' : '0')), ("Form.Name", "")))
        {
            var page = await ParseAsync(bad);
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            Assert.Equal("统一社会信用代码校验位不正确", page.QuerySelector("[data-error-for=creditCode]")!.TextContent);
            Assert.Equal("请填写名称", page.QuerySelector("[data-error-for=name]")!.TextContent);
        }
        using (var good = await SignIn.PostFormAsync(admin, url, url, ("Form.CreditCode", enterprise.CreditCode), ("Form.Name", $"{token}新名称有限公司"), ("Form.IndustrySection", "m"), ("Form.RegisteredPlace", "")))
            Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        await using (var db = app.Database.CreateContext())
        {
            var stored = await db.Enterprises.SingleAsync(e => e.Id == enterprise.Id);
            Assert.Equal(($"{token}新名称有限公司", "M"), (stored.Name, stored.IndustrySection));
        }

        using (var archive = await SignIn.PostFormAsync(admin, url, $"{url}?handler=Archive", ("archived", "true")))
            Assert.Equal(HttpStatusCode.Redirect, archive.StatusCode);
        using (var archived = await admin.GetAsync(url))
            Assert.NotNull((await ParseAsync(archived)).QuerySelector("[data-test=archived]"));
        using (var list = await admin.GetAsync($"/Enterprises?q={Uri.EscapeDataString(token)}"))
            Assert.Empty((await ParseAsync(list)).QuerySelectorAll("[data-test=enterprises] tbody tr"));
        using (var restore = await SignIn.PostFormAsync(admin, url, $"{url}?handler=Archive", ("archived", "false")))
            Assert.Equal(HttpStatusCode.Redirect, restore.StatusCode);
        using (var list = await admin.GetAsync($"/Enterprises?q={Uri.EscapeDataString(token)}"))
            Assert.Single((await ParseAsync(list)).QuerySelectorAll("[data-test=enterprises] tbody tr"));
    }

    [Fact]
    public async Task An_administrator_registers_an_enterprise_from_the_list_and_lands_on_its_page_with_a_saved_notice()
    {
        var admin = await app.ClientAsAsync(Roles.Administrator);
        var code = EnterpriseApiTests.NewCreditCode();

        using (var list = await admin.GetAsync("/Enterprises"))
            Assert.Equal("/Enterprises/Create", (await ParseAsync(list)).QuerySelector("[data-action=new-enterprise]")!.GetAttribute("href"));
        using var created = await SignIn.PostFormAsync(admin, "/Enterprises/Create", "/Enterprises/Create",
            ("Form.CreditCode", code.ToLowerInvariant()), ("Form.Name", $" {token}新建测试有限公司 "), ("Form.IndustrySection", "i"), ("Form.RegisteredDistrictCode", "330108"), ("Form.RegisteredPlace", ""));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        await using var db = app.Database.CreateContext();
        var stored = await db.Enterprises.SingleAsync(e => e.CreditCode == code);
        Assert.Equal(($"{token}新建测试有限公司", "I", "330108", (string?)null), (stored.Name, stored.IndustrySection, stored.RegisteredDistrictCode, stored.RegisteredPlace));
        Assert.Equal($"/Enterprises/{stored.Id}", created.Headers.Location!.OriginalString);
        using var details = await admin.GetAsync(created.Headers.Location);
        var page = await ParseAsync(details);
        Assert.Equal($"{token}新建测试有限公司", page.QuerySelector("[data-test=enterprise-name]")!.TextContent);
        Assert.NotNull(page.QuerySelector("[data-test=saved]"));
    }

    [Fact]
    public async Task A_wrong_check_character_or_a_taken_credit_code_is_shown_by_its_field_and_nothing_is_stored()
    {
        var (existing, _) = await SeedAsync($"{token}已登记有限公司");
        var admin = await app.ClientAsAsync(Roles.Administrator);
        var code = EnterpriseApiTests.NewCreditCode();
        var wrong = code[..17] + (code[17] == '0' ? '1' : '0');

        using (var bad = await SignIn.PostFormAsync(admin, "/Enterprises/Create", "/Enterprises/Create", ("Form.CreditCode", wrong), ("Form.Name", $"{token}校验测试有限公司")))
        {
            var page = await ParseAsync(bad);
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            Assert.Equal("统一社会信用代码校验位不正确", page.QuerySelector("[data-error-for=creditCode]")!.TextContent);
            Assert.Equal("", page.QuerySelector("[data-error-for=name]")!.TextContent);
            // What was typed stays in the form to be corrected.
            Assert.Equal(wrong, page.QuerySelector<IHtmlInputElement>("input[name='Form.CreditCode']")!.Value);
        }
        const string english = "/Enterprises/Create?culture=en";
        using (var taken = await SignIn.PostFormAsync(admin, english, english, ("Form.CreditCode", existing.CreditCode), ("Form.Name", $"{token}重复测试有限公司")))
        {
            Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
            Assert.Equal($"Unified social credit code \"{existing.CreditCode}\" is already registered to another enterprise",
                (await ParseAsync(taken)).QuerySelector("[data-error-for=creditCode]")!.TextContent);
        }

        await using var db = app.Database.CreateContext();
        Assert.Equal([existing.Id], await db.Enterprises.Where(e => e.Name.StartsWith(token)).Select(e => e.Id).ToListAsync());
    }

    [Fact]
    public async Task An_investment_officer_sees_no_new_enterprise_button_and_is_refused_the_create_page()
    {
        var officer = await app.ClientAsAsync(Roles.InvestmentOfficer);

        using (var list = await officer.GetAsync("/Enterprises"))
            Assert.Null((await ParseAsync(list)).QuerySelector("[data-action=new-enterprise]"));
        using (var page = await officer.GetAsync("/Enterprises/Create"))
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.Contains(AccountsSetup.AccessDeniedPath, page.Headers.Location?.OriginalString);
        }
        // Even with a valid antiforgery token from a page they may see, the post is refused and nothing is stored.
        var (_, antiforgery) = await SignIn.GetFormAsync(officer, "/Account/Manage");
        using var post = await officer.PostAsync("/Enterprises/Create", new FormUrlEncodedContent(
            [new("Form.CreditCode", EnterpriseApiTests.NewCreditCode()), new("Form.Name", $"{token}越权测试有限公司"), new("__RequestVerificationToken", antiforgery)]));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Contains(AccountsSetup.AccessDeniedPath, post.Headers.Location?.OriginalString);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Enterprises.AnyAsync(e => e.Name.StartsWith(token)));
    }

    [Fact]
    public async Task A_property_contact_sees_no_enterprise_outside_their_buildings_and_the_list_speaks_English()
    {
        var (enterprise, _) = await SeedAsync($"{token}范围测试有限公司");
        var contact = await app.ClientAsAsync(Roles.PropertyContact);

        using var hidden = await contact.GetAsync($"/Enterprises/{enterprise.Id}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        using var list = await contact.GetAsync("/Enterprises?culture=en");
        var page = await ParseAsync(list);
        Assert.Equal("Enterprises", page.QuerySelector("h1")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("[data-test=enterprises] tbody tr"));
    }
}
