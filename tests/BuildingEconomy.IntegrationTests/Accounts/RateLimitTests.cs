using System.Net;
using BuildingEconomy.IntegrationTests.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BuildingEconomy.IntegrationTests.Accounts;

public class RateLimitTests(RateLimitTests.Factory app) : IClassFixture<RateLimitTests.Factory>
{
    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_are_refused_with_429_but_the_form_still_shows()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var response = await SignIn.PostLoginAsync(client, "someone", "not-the-password-1");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        using var form = await client.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
    }

    public sealed class Factory : WebAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Accounts:LoginAttemptsPerMinute", "3");
        }
    }
}
