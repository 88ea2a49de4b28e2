using System.Text;
using CommsBot.Bot.Hosting;
using CommsBot.Bot.Nudges;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace CommsBot.Bot.Tests.Nudges;

/// <summary>
/// A kudos for a colleague who never opened the bot, end to end: the real host on loopback, the kudos posted to
/// /api/messages, the outbox dispatcher on its own, and a loopback connector that sees <c>POST /v3/conversations</c>
/// (the 1:1 chat created with the tenant and the colleague's ids) and then the consent card in that new chat; or, when
/// the app is not installed for the colleague (403), a notice in the chat the kudos was added in.
/// </summary>
public sealed class ProactiveReachTests : IAsyncLifetime
{
    private const string Consent = "May your colleagues celebrate";

    private readonly string data = Path.Combine(Path.GetTempPath(), "commsbot-tests", Guid.NewGuid().ToString("N"));
    private FakeConnector connector = null!;
    private WebApplication app = null!;
    private Uri botUrl = null!;

    public async Task InitializeAsync()
    {
        connector = await FakeConnector.StartAsync();
        app = CommsBotHost.CreateApp(
        [
            "--urls", "http://127.0.0.1:0",
            "--Bot:AllowLocalMode", "true",
            "--Storage:DataDirectory", data,
            "--Nudges:ColleaguePromotion:Cron", "0 0 0 1 1 ? 2099",
            "--Nudges:ConferencesFile", "",
            "--Nudges:Delivery:PollInterval", "00:00:00.200",
            "--Logging:LogLevel:Default", "Warning",
        ]);
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        botUrl = new Uri(url);
    }

    public async Task DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await connector.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task KudosForAColleagueWithNoChat_CreatesTheConversation_ThenTheConsentCardArrivesInIt()
    {
        await KudosAsync("Outcomes of early mobilisation");

        await WaitUntilAsync(() => connector.Cards(Consent).Count > 0);
        var card = connector.Cards(Consent)[0];
        Assert.Equal("a:new-29:colleague", card.ConversationId);
        var created = Assert.Single(connector.Created);
        Assert.False((bool?)created["isGroup"]);
        Assert.Equal("tenant-1", (string?)created["tenantId"]);
        Assert.Equal("tenant-1", (string?)created["channelData"]?["tenant"]?["id"]);
        Assert.Equal("29:colleague", (string?)created["members"]?[0]?["id"]);
        Assert.Equal("aad-colleague", (string?)created["members"]?[0]?["aadObjectId"]);
        Assert.Equal("28:bot", (string?)created["bot"]?["id"]);
        var events = connector.Events.ToList();
        Assert.True(events.IndexOf("create") < events.IndexOf("post:a:new-29:colleague"), string.Join(", ", events));

        // The new chat is on record: the next consent question goes there without creating another.
        await KudosAsync("A second paper");
        await WaitUntilAsync(() => connector.Cards(Consent).Count == 2);
        Assert.All(connector.Cards(Consent), c => Assert.Equal("a:new-29:colleague", c.ConversationId));
        Assert.Single(connector.Created);
    }

    [Fact]
    public async Task KudosForAColleagueWithoutTheApp_TellsTheAdderInTheirChat_AndDropsTheQuestion()
    {
        connector.CreateStatus = 403;
        await KudosAsync("Outcomes of early mobilisation");

        await WaitUntilAsync(() => connector.Cards("isn't installed for Dr Colleague").Count > 0);
        var notice = Assert.Single(connector.Cards("isn't installed for Dr Colleague"));
        Assert.Equal("a:team-chat", notice.ConversationId);
        Assert.Empty(connector.Cards(Consent));
        var store = app.Services.GetRequiredService<NudgeStore>();
        await WaitUntilAsync(async () => (await store.OutboxAsync(default)).Any(r => r.Status != "pending"));
        var row = Assert.Single(await store.OutboxAsync(default));
        Assert.Equal(("skipped", DeliveryOutcome.AppNotInstalled), (row.Status, row.LastError));
    }

    private async Task KudosAsync(string title)
    {
        var activity = new JObject
        {
            ["type"] = "message",
            ["id"] = Guid.NewGuid().ToString("N"),
            ["channelId"] = "msteams",
            ["serviceUrl"] = connector.Url,
            ["text"] = $"kudos <at>Dr Colleague</at> publication https://doi.org/10.1000/{Guid.NewGuid():N} {title}",
            ["from"] = new JObject { ["id"] = "29:adder", ["aadObjectId"] = "aad-adder" },
            ["recipient"] = new JObject { ["id"] = "28:bot" },
            ["conversation"] = new JObject { ["id"] = "a:team-chat", ["conversationType"] = "groupChat", ["isGroup"] = true, ["tenantId"] = "tenant-1" },
            ["entities"] = new JArray(new JObject
            {
                ["type"] = "mention",
                ["text"] = "<at>Dr Colleague</at>",
                ["mentioned"] = new JObject { ["id"] = "29:colleague", ["name"] = "Dr Colleague", ["aadObjectId"] = "aad-colleague" },
            }),
        };
        using var http = new HttpClient { BaseAddress = botUrl };
        using var content = new StringContent(activity.ToString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(BotEndpoint.Route, UriKind.Relative), content);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
    }

    private Task WaitUntilAsync(Func<bool> done) => WaitUntilAsync(() => Task.FromResult(done()));

    private async Task WaitUntilAsync(Func<Task<bool>> done)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < until, "not seen within 20 s; the connector saw: " + string.Join(", ", connector.Events));
            await Task.Delay(50);
        }
    }
}
