using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json;
using CommsBot.Bot.Tests.Hosting;

namespace CommsBot.Bot.Tests.Operations;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Readyz_StartedHost_ReportsDatabaseAndSchedulerHealthyAsJson()
    {
        await using var sut = new BotHostFactory();
        using var client = sut.CreateClient();

        using var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        var checks = body.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Sqlite", checks.GetProperty("database").GetProperty("description").GetString());
        Assert.Equal("Healthy", checks.GetProperty("scheduler").GetProperty("status").GetString());
        Assert.False(checks.GetProperty("scheduler").GetProperty("clustered").GetBoolean());
    }

    [Fact]
    public async Task Readyz_DatabaseGone_Returns503WithoutDetails()
    {
        await using var sut = new BotHostFactory();
        using var client = sut.CreateClient();
        using (var db = sut.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<CommsBot.Bot.Storage.CommsBotDbContext>>().CreateDbContext())
        {
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database, "DROP TABLE \"UsageCounters\"");
        }

        using var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(text);
        Assert.Equal("Unhealthy", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.DoesNotContain("commsbot.db", text, StringComparison.Ordinal);
        Assert.DoesNotContain("no such table", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Healthz_StillPlainOk()
    {
        await using var sut = new BotHostFactory();
        using var client = sut.CreateClient();

        Assert.Equal("ok", await client.GetStringAsync("/healthz"));
    }
}
