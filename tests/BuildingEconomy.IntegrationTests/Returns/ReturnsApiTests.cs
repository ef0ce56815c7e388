using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BuildingEconomy.Accounts;
using BuildingEconomy.Data;
using BuildingEconomy.Demo;
using BuildingEconomy.IntegrationTests.Web;
using BuildingEconomy.Returns;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.IntegrationTests.Returns;

/// <summary>POST/GET /api/v1/returns as a property-management system uses it: an API token, an Idempotency-Key, 422 with every reason.</summary>
public class ReturnsApiTests(ReturnsApp app) : IClassFixture<ReturnsApp>
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    [Fact]
    public async Task The_same_idempotency_key_twice_stores_one_return_and_answers_the_same()
    {
        var client = await app.ContactClientAsync();
        var submission = await app.DraftAsync(app.BuildingIds[0]);
        var key = Guid.NewGuid().ToString();

        using var first = await PostAsync(client, submission, key);
        using var second = await PostAsync(client, submission, key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var a = await first.Content.ReadFromJsonAsync<ReturnView>(Json);
        var b = await second.Content.ReadFromJsonAsync<ReturnView>(Json);
        Assert.Equal(a!.Id, b!.Id);
        Assert.Equal(a.LineCount, b.LineCount);
        Assert.Equal($"/api/v1/returns/{a.Id}", first.Headers.Location?.OriginalString);
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        await using var db = app.Database.CreateContext();
        Assert.Equal(1, await db.MonthlyReturns.CountAsync(r => r.IdempotencyKey == key));
        Assert.Equal(1, await db.MonthlyReturns.CountAsync(r => r.BuildingId == app.BuildingIds[0] && r.Period == app.Period));

        // Applied in the background (the web app's in-memory bus); the GET shows it with its roster.
        await Eventually.TrueAsync(async () => (await client.GetFromJsonAsync<ReturnView>($"/api/v1/returns/{a.Id}", Json))!.Status == "Applied",
            TimeSpan.FromSeconds(30), "the return applied");
        var view = await client.GetFromJsonAsync<ReturnView>($"/api/v1/returns/{a.Id}", Json);
        Assert.Equal(submission.Lines.Count, view!.Lines!.Count);
        Assert.Equal(submission.Lines[0].CreditCode, view.Lines[0].CreditCode);
    }

    [Fact]
    public async Task A_refused_return_lists_every_reason_by_field_and_row_in_the_callers_language()
    {
        var client = await app.ContactClientAsync();
        var submission = await app.DraftAsync(app.BuildingIds[1]);
        submission.Period = "2026-13";
        submission.Lines[1].CreditCode = "91440300MA00000001";
        submission.Lines.Add(new ReturnLineInput { CreditCode = submission.Lines[0].CreditCode, EnterpriseName = "重复企业", Area = 10, State = TenantState.Signed });

        using var response = await PostAsync(client, submission, key: null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = await ErrorsAsync(response);
        Assert.Contains(errors, e => e.Code == "PeriodFormat" && e.Field == "period" && e.Message.Contains("YYYY-MM"));
        var code = Assert.Single(errors, e => e.Field == "lines[1].creditCode");
        Assert.Equal(2, code.Row);
        Assert.StartsWith("第 2 行", code.Message);
        Assert.Contains(errors, e => e.Code == "LineDuplicate" && e.Row == submission.Lines.Count);

        using var english = await PostAsync(client, submission, key: null, "?culture=en");
        Assert.StartsWith("Row 2:", Assert.Single(await ErrorsAsync(english), e => e.Field == "lines[1].creditCode").Message);

        await using var db = app.Database.CreateContext();
        Assert.False(await db.MonthlyReturns.AnyAsync(r => r.BuildingId == app.BuildingIds[1] && r.Period == app.Period));
        Assert.Equal(2, await db.ReturnRejections.CountAsync(r => r.BuildingId == app.BuildingIds[1]));
    }

    [Fact]
    public async Task A_contact_files_only_for_assigned_buildings_and_reads_only_their_returns()
    {
        var client = await app.ContactClientAsync();
        var other = await app.DraftAsync(app.UnassignedBuildingId);
        using var response = await PostAsync(client, other, key: null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("buildingId", Assert.Single(await ErrorsAsync(response)).Field);

        long foreignReturn;
        await using (var db = app.Database.CreateContext())
        {
            foreignReturn = await db.MonthlyReturns.Where(r => r.BuildingId == app.UnassignedBuildingId).Select(r => r.Id).FirstAsync();
            Assert.False(await db.MonthlyReturns.AnyAsync(r => r.BuildingId == app.UnassignedBuildingId && r.Period == app.Period));
        }
        using var read = await client.GetAsync($"/api/v1/returns/{foreignReturn}");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task The_draft_is_last_months_roster_and_is_accepted_as_it_is()
    {
        var client = await app.ContactClientAsync();
        var period = ReturnValidator.FormatPeriod(app.Period);
        var draft = await client.GetFromJsonAsync<ReturnSubmission>($"/api/v1/returns/draft?buildingId={app.BuildingIds[2]}&period={period}", Json);
        Assert.NotEmpty(draft!.Lines);
        using var response = await PostAsync(client, draft, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var history = await client.GetFromJsonAsync<List<ReturnView>>($"/api/v1/returns?buildingId={app.BuildingIds[2]}", Json);
        Assert.Equal(period, history![0].Period);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, ReturnSubmission submission, string? key, string query = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/returns" + query) { Content = JsonContent.Create(submission, options: Json) };
        if (key is not null) request.Headers.Add(ReturnsApi.IdempotencyKeyHeader, key);
        return client.SendAsync(request);
    }

    private static async Task<List<ReturnErrorView>> ErrorsAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("errors").Deserialize<List<ReturnErrorView>>(Json)!;
    }
}
