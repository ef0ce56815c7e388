using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using BuildingEconomy.Accounts;
using BuildingEconomy.IntegrationTests.Web;
using BuildingEconomy.Returns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace BuildingEconomy.IntegrationTests.Returns;

/// <summary>The portal as a property contact, an administrator and a leader use it, through the real pages and forms.</summary>
public class ReturnsPagesTests(ReturnsApp app) : IClassFixture<ReturnsApp>
{
    [Fact]
    public async Task A_contact_sees_their_buildings_months_and_files_the_pre_filled_form()
    {
        var client = await app.ContactBrowserAsync();
        var buildingId = app.BuildingIds[0];
        var period = ReturnValidator.FormatPeriod(app.Period);

        var grid = await GetPageAsync(client, "/Returns");
        var rows = grid.QuerySelectorAll("[data-test=my-buildings] tbody tr").Select(r => int.Parse(r.GetAttribute("data-building")!)).ToList();
        Assert.Equal(app.BuildingIds.Order(), rows.Order());
        var lastMonth = grid.QuerySelector($"tr[data-building='{buildingId}'] td[data-period='{ReturnValidator.FormatPeriod(app.Period.AddMonths(-1))}'] [data-state]");
        Assert.Contains(lastMonth!.GetAttribute("data-state"), new[] { "Applied", "Corrected" });

        var formUrl = $"/Returns/File?buildingId={buildingId}&period={period}";
        var (page, _) = await SignIn.GetFormAsync(client, formUrl);
        var fields = FormFields(page.QuerySelector<IHtmlFormElement>("form[data-test=return-form]")!);
        var draft = await app.DraftAsync(buildingId);
        Assert.Equal(draft.Lines[0].CreditCode, fields.Single(f => f.Name == "Input.Lines[0].CreditCode").Value);

        // Two tenants change: the first resident one moves out, its area leaves leased/sold and resident area.
        var index = draft.Lines.FindIndex(l => l.State == TenantState.Resident);
        var moved = draft.Lines[index];
        Set(fields, $"Input.Lines[{index}].State", "MovedOut");
        Set(fields, moved.Purchased ? "Input.SoldArea" : "Input.LeasedArea", ((moved.Purchased ? draft.SoldArea : draft.LeasedArea) - moved.Area)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Set(fields, "Input.ResidentArea", (draft.ResidentArea - moved.Area)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Set(fields, $"Input.Lines[{index + 1}].Employees", "77");

        using var response = await client.PostAsync(formUrl, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Returns/Details", response.Headers.Location!.OriginalString);

        await using var db = app.Database.CreateContext();
        var stored = await db.MonthlyReturns.Include(r => r.Lines).SingleAsync(r => r.BuildingId == buildingId && r.Period == app.Period);
        Assert.Equal(ReturnChannel.Web, stored.Channel);
        Assert.Equal(TenantState.MovedOut, stored.Lines.Single(l => l.LineNumber == index + 1).State);
        Assert.Equal(77, stored.Lines.Single(l => l.LineNumber == index + 2).Employees);
        await Eventually.TrueAsync(async () =>
        {
            var details = await GetPageAsync(client, response.Headers.Location!.OriginalString);
            return details.QuerySelector("[data-test=status]")?.GetAttribute("data-status") == "Applied";
        }, TimeSpan.FromSeconds(30), "the details page to show the return applied");
    }

    [Fact]
    public async Task A_form_with_mistakes_shows_every_reason_and_stores_nothing()
    {
        var client = await app.ContactBrowserAsync();
        var buildingId = app.BuildingIds[1];
        var formUrl = $"/Returns/File?buildingId={buildingId}&period={ReturnValidator.FormatPeriod(app.Period)}";
        var (page, _) = await SignIn.GetFormAsync(client, formUrl);
        var fields = FormFields(page.QuerySelector<IHtmlFormElement>("form[data-test=return-form]")!);
        Set(fields, "Input.Lines[1].CreditCode", "91440300MA00000001");
        Set(fields, "Input.SoldArea", "99999999");

        using var response = await client.PostAsync(formUrl, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        var codes = result.QuerySelectorAll("[data-test=problems] li").Select(li => li.GetAttribute("data-code")).ToList();
        Assert.Contains("CreditCodeWrongCheckCharacter", codes);
        Assert.Contains("SoldExceedsForSale", codes);
        Assert.NotNull(result.QuerySelector("tr.row-error[data-row='2']"));
        await using var db = app.Database.CreateContext();
        Assert.False(await db.MonthlyReturns.AnyAsync(r => r.BuildingId == buildingId && r.Period == app.Period));
    }

    [Fact]
    public async Task An_excel_file_with_bad_rows_gets_a_row_report_and_stores_nothing_and_a_good_one_is_filed()
    {
        var client = await app.ContactBrowserAsync();
        var buildingId = app.BuildingIds[2];
        var period = ReturnValidator.FormatPeriod(app.Period);
        var uploadUrl = $"/Returns/Upload?buildingId={buildingId}&period={period}";

        using var template = await client.GetAsync($"/Returns/Upload?buildingId={buildingId}&period={period}&handler=Template");
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        Assert.Equal(ReturnWorkbook.ContentType, template.Content.Headers.ContentType?.MediaType);
        var bytes = await template.Content.ReadAsByteArrayAsync();
        var (filled, problems) = ReturnWorkbook.Read(new MemoryStream(bytes));
        Assert.Empty(problems);

        // Bad rows: a wrong check character on roster row 3 (sheet row 4), a duplicate, a non-number area.
        filled!.Lines[2].CreditCode = filled.Lines[2].CreditCode![..17] + (filled.Lines[2].CreditCode![17] == '0' ? '1' : '0');
        filled.Lines[3].CreditCode = filled.Lines[0].CreditCode;
        var bad = Workbook(filled);
        using (var refused = await UploadAsync(client, uploadUrl, bad))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var report = await new HtmlParser().ParseDocumentAsync(await refused.Content.ReadAsStringAsync());
            var items = report.QuerySelectorAll("[data-test=row-report] li").Select(li => (li.GetAttribute("data-code"), li.GetAttribute("data-row"), li.TextContent)).ToList();
            Assert.Contains(items, i => i.Item1 == "CreditCodeWrongCheckCharacter" && i.Item2 == "4" && i.TextContent.StartsWith("第 4 行"));
            Assert.Contains(items, i => i.Item1 == "LineDuplicate" && i.Item2 == "5");
        }
        await using (var db = app.Database.CreateContext())
        {
            Assert.False(await db.MonthlyReturns.AnyAsync(r => r.BuildingId == buildingId && r.Period == app.Period));
        }

        using var accepted = await UploadAsync(client, uploadUrl, bytes);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        await using (var db = app.Database.CreateContext())
        {
            var stored = await db.MonthlyReturns.SingleAsync(r => r.BuildingId == buildingId && r.Period == app.Period);
            Assert.Equal(ReturnChannel.Excel, stored.Channel);
        }
    }

    [Fact]
    public async Task The_failed_returns_page_lists_a_failed_return_and_retries_it_through_the_outbox()
    {
        var buildingId = app.BuildingIds[3];
        long returnId;
        await using (var db = app.Database.CreateContext())
        {
            var monthly = await db.MonthlyReturns.Where(r => r.BuildingId == buildingId && r.Status == ReturnStatus.Applied)
                .OrderByDescending(r => r.Period).FirstAsync();
            // As the fault consumer leaves it: accepted, not applied, failure recorded.
            monthly.Status = ReturnStatus.Submitted;
            monthly.FailedAt = DateTimeOffset.UtcNow;
            monthly.FailureCount = 1;
            monthly.LastFailure = "System.InvalidOperationException: test failure";
            await db.SaveChangesAsync();
            returnId = monthly.Id;
        }
        var admin = await app.ClientAsAsync(Roles.Administrator);
        var (page, token) = await SignIn.GetFormAsync(admin, "/Returns/Failed");
        var row = page.QuerySelector($"[data-test=failed-returns] tr[data-return='{returnId}']");
        Assert.NotNull(row);
        Assert.Contains("test failure", row!.TextContent);

        using var retry = await admin.PostAsync($"/Returns/Failed?handler=Retry&id={returnId}",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        await Eventually.TrueAsync(async () =>
        {
            await using var db = app.Database.CreateContext();
            return await db.MonthlyReturns.AnyAsync(r => r.Id == returnId && r.Status == ReturnStatus.Applied && r.FailedAt == null);
        }, TimeSpan.FromSeconds(30), "the retried return applied");

        var contact = await app.ContactBrowserAsync();
        using var forbidden = await contact.GetAsync("/Returns/Failed");
        Assert.Equal(HttpStatusCode.Redirect, forbidden.StatusCode);
    }

    [Fact]
    public async Task The_compliance_page_gives_the_filing_rate_per_subdistrict_and_who_is_missing()
    {
        var leader = await app.ClientAsAsync(Roles.Leader);
        var period = ReturnValidator.FormatPeriod(app.Period.AddMonths(-1));
        var page = await GetPageAsync(leader, $"/Returns/Compliance?period={period}");
        var total = page.QuerySelector("[data-test=filing-rates] tr[data-subdistrict='all']")!;
        var cells = total.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        await using var db = app.Database.CreateContext();
        var required = await db.Buildings.CountAsync(b => b.RequiredToReport && !b.Archived && (b.CompletionYear == null || b.CompletionYear <= app.Period.AddMonths(-1).Year));
        var filed = await db.MonthlyReturns.Where(r => r.Period == app.Period.AddMonths(-1)).Select(r => r.BuildingId).Distinct().CountAsync();
        Assert.Equal(required.ToString(), cells[0]);
        Assert.Equal(filed.ToString(), cells[1]);
        var missing = page.QuerySelectorAll("[data-test=missing] tbody tr").Count();
        Assert.True(missing >= required - filed, $"{missing} listed, {required - filed} not filed at all");
    }

    private static async Task<IDocument> GetPageAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    /// <summary>What a browser would post for the form as it stands: named fields, checked boxes, selected options.</summary>
    private static List<(string Name, string Value)> FormFields(IHtmlFormElement form)
    {
        var fields = new List<(string Name, string Value)>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type is not ("checkbox" or "radio" or "submit" or "file"):
                    fields.Add((input.Name!, input.Value));
                    break;
                case IHtmlInputElement input when input.Type == "checkbox" && input.IsChecked && !string.IsNullOrEmpty(input.Name):
                    fields.Add((input.Name!, input.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    fields.Add((select.Name!, select.SelectedOptions.FirstOrDefault()?.Value ?? ""));
                    break;
            }
        }
        return fields;
    }

    private static void Set(List<(string Name, string Value)> fields, string name, string value)
    {
        var index = fields.FindIndex(f => f.Name == name);
        Assert.True(index >= 0, $"no field {name}");
        fields[index] = (name, value);
    }

    private byte[] Workbook(ReturnSubmission submission)
    {
        using var scope = app.Services.CreateScope();
        var localizer = scope.ServiceProvider.GetRequiredService<IStringLocalizer<BuildingEconomy.Localization.SharedResource>>();
        using var stream = new MemoryStream();
        ReturnWorkbook.Write(stream, submission, "测试", localizer);
        return stream.ToArray();
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string url, byte[] file)
    {
        var (_, token) = await SignIn.GetFormAsync(client, url);
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(file), "file", "return.xlsx" },
        };
        return await client.PostAsync(url, content);
    }
}
