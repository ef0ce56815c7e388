using System.Globalization;
using BuildingEconomy.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace BuildingEconomy.BrowserTests.Returns;

/// <summary>
/// The property contact's month: sign in, open the month's pre-filled form from "my buildings", change two tenants,
/// submit and see the return applied; then file another building's month through the Excel template.
/// </summary>
public class ReturnFilingBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly string Period = BrowserApp.AsOf.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_contact_files_the_pre_filled_form_and_then_an_excel_template()
    {
        var page = await app.NewSignedInPageAsync("contact");
        await page.Locator("[data-nav='returns']").ClickAsync();
        var rows = page.Locator("[data-test='my-buildings'] tbody tr");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        var buildings = new List<string>();
        foreach (var row in await rows.AllAsync()) buildings.Add((await row.GetAttributeAsync("data-building"))!);
        Assert.True(buildings.Count >= 2, "the demo contact files for several buildings");

        // The web form, pre-filled from last month.
        await page.GotoAsync($"/Returns/File?buildingId={buildings[0]}&period={Period}");
        var states = page.Locator("select[name$='.State']");
        var count = await states.CountAsync();
        var resident = -1;
        for (var i = 0; i < count && resident < 0; i++)
        {
            if (await states.Nth(i).InputValueAsync() == "Resident") resident = i;
        }
        Assert.True(resident >= 0, "the pre-filled roster has a resident tenant");
        var area = Decimal(await page.Locator($"input[name='Input.Lines[{resident}].Area']").InputValueAsync());
        var purchased = await page.Locator($"input[name='Input.Lines[{resident}].Purchased'][type='checkbox']").IsCheckedAsync();

        // First change: that tenant moved out, so its area leaves the signed and resident totals.
        await states.Nth(resident).SelectOptionAsync("MovedOut");
        await Subtract(page, purchased ? "Input.SoldArea" : "Input.LeasedArea", area);
        await Subtract(page, "Input.ResidentArea", area);
        // Second change: another tenant's head count.
        var other = resident == 0 ? 1 : 0;
        await page.Locator($"input[name='Input.Lines[{other}].Employees']").FillAsync("123");

        await page.Locator("[data-action='submit-return']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test='filed']")).ToBeVisibleAsync();
        await WaitForAppliedAsync(page);

        // The Excel route for the next building: download the pre-filled template, upload it back.
        await page.GotoAsync($"/Returns/Upload?buildingId={buildings[1]}&period={Period}");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-action='download-template']").ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), $"be-return-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(file);
        try
        {
            await page.Locator("input[type='file'][name='file']").SetInputFilesAsync(file);
            await page.Locator("[data-action='upload']").ClickAsync();
            await Assertions.Expect(page.Locator("[data-test='filed']")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-test='return-facts']")).ToContainTextAsync("Excel");
            await WaitForAppliedAsync(page);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task Subtract(IPage page, string name, decimal amount)
    {
        var input = page.Locator($"input[name='{name}']");
        var value = Decimal(await input.InputValueAsync()) - amount;
        await input.FillAsync(value.ToString(CultureInfo.InvariantCulture));
    }

    private static decimal Decimal(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>The return is applied in the background; the page says so after a reload.</summary>
    private static async Task WaitForAppliedAsync(IPage page)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await page.Locator("[data-test='status']").GetAttributeAsync("data-status") != "Applied")
        {
            Assert.True(DateTime.UtcNow < deadline, "the return was not applied within 30 s");
            await Task.Delay(300);
            await page.ReloadAsync();
        }
    }
}
