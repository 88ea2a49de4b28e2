using CommsBot.Bot.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using Xunit.Abstractions;

namespace CommsBot.Bot.Tests.EndToEnd;

/// <summary>The real bot on Kestrel (loopback, a free port) and the Microsoft 365 Agents Playground as the Teams
/// client: a draft typed in the playground comes back as a card over its WebSocket, and Apply fixes works.</summary>
public sealed class PlaygroundEndToEndTests(ITestOutputHelper output)
{
    private const string PromoDraft = "Swipe up to save 20% with code DOCTOR";

    [PlaygroundFact]
    public async Task Playground_DraftInPersonalChat_GetsCard_AndApplyFixesReturnsRevisedDraft()
    {
        Prerequisites.Require(PlaygroundFactAttribute.Test, Prerequisites.ForPlayground());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = timeout.Token;
        var data = Directory.CreateTempSubdirectory("commsbot-e2e-").FullName;
        await using var bot = CommsBotHost.CreateApp(["--urls=http://127.0.0.1:0", "--Bot:AllowLocalMode=true", $"--Storage:DataDirectory={data}", "--Logging:LogLevel:Default=Warning"]);
        await bot.StartAsync(ct);
        var endpoint = bot.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/') + BotEndpoint.Route;
        await using var playground = await AgentsPlayground.StartAsync(endpoint, ct);
        try
        {
            // The user types a draft into the personal chat.
            await playground.SendPersonalMessageAsync(PromoDraft, ct);
            var cardMessage = await NextWithCardAsync(playground, ct);
            var card = (JObject)cardMessage["attachments"]![0]!["content"]!;
            Assert.Contains("undisclosed-partnership", card.ToString(), StringComparison.Ordinal);

            // ...and clicks Apply fixes (an Action.Submit).
            var applyFixes = card.Descendants().OfType<JProperty>()
                .Where(p => p.Name == "data" && p.Value is JObject d && (string?)d["action"] == "applyFixes")
                .Select(p => (JObject)p.Value)
                .Single();
            await playground.SubmitAsync((string)cardMessage["messageId"]!, applyFixes, ct);
            var revised = await playground.NextBotMessageAsync(ct);
            Assert.StartsWith("#ad ", (string?)revised["text"], StringComparison.Ordinal);
            Assert.EndsWith(PromoDraft, (string?)revised["text"], StringComparison.Ordinal);
            var fresh = await NextWithCardAsync(playground, ct);
            Assert.DoesNotContain("undisclosed-partnership", fresh["attachments"]![0]!["content"]!.ToString(), StringComparison.Ordinal);

            // The message action on an existing message answers with a task module holding the card.
            var response = await playground.InvokeAsync(
                "composeExtension/submitAction",
                new JObject
                {
                    ["commandId"] = "checkWithCommsBot",
                    ["commandContext"] = "message",
                    ["messagePayload"] = new JObject { ["body"] = new JObject { ["contentType"] = "html", ["content"] = "<p>Reminder: 'midlevels' are not doctors and never will be.</p>" } },
                },
                ct);
            Assert.Equal("continue", (string?)response["task"]!["type"]);
            Assert.Contains("disparaging-colleagues", response["task"]!["value"]!["card"]!.ToString(), StringComparison.Ordinal);
        }
        catch
        {
            output.WriteLine(playground.Output);
            throw;
        }
        finally
        {
            await bot.StopAsync(CancellationToken.None);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<JObject> NextWithCardAsync(AgentsPlayground playground, CancellationToken cancellationToken)
    {
        while (true)
        {
            var message = await playground.NextBotMessageAsync(cancellationToken);
            if (message["attachments"] is JArray { Count: > 0 })
            {
                return message;
            }
        }
    }
}
