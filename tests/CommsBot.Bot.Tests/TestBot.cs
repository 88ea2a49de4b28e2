using System.Collections.Concurrent;
using System.Globalization;
using CommsBot.Bot.Hosting;
using CommsBot.Bot.Reviews;
using CommsBot.Cards;
using CommsBot.Guidelines;
using CommsBot.Guidelines.Pack;
using CommsBot.Bot.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;

namespace CommsBot.Bot.Tests;

/// <summary>The bot's real services (SQLite in a temp folder, fake clock, captured logs) with a Bot Builder
/// TestAdapter in front of the handler.</summary>
internal sealed class TestBot : IAsyncDisposable
{
    private static readonly Lazy<RulePack> SharedPack = new(RulePack.LoadDefault);
    private static readonly Lazy<CardTemplates> SharedTemplates = new(() => CardTemplates.Load());
    private static readonly ConcurrentDictionary<int, DraftReviewer> Reviewers = new();

    private readonly string dataDirectory;

    private TestBot(ServiceProvider services, string dataDirectory)
    {
        Services = services;
        this.dataDirectory = dataDirectory;
    }

    public ServiceProvider Services { get; }

    public IBot Bot => Services.GetRequiredService<IBot>();

    public IBotStore Store => Services.GetRequiredService<IBotStore>();

    public UsageCounters Counters => Services.GetRequiredService<UsageCounters>();

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    public FakeTimeProvider Time => (FakeTimeProvider)Services.GetRequiredService<TimeProvider>();

    public static async Task<TestBot> CreateAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "commsbot-tests", Guid.NewGuid().ToString("N"));
        var values = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dataDirectory,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)));
        // Loading the pack and templates is the slow part of start-up: share them between tests.
        var maxLength = int.Parse(values.GetValueOrDefault("Guidelines:MaxDraftLength") ?? DraftLimits.DefaultMaxLength.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        services.AddSingleton(Reviewers.GetOrAdd(maxLength, m => new DraftReviewer(SharedPack.Value, new DraftLimits { MaxLength = m })));
        services.AddSingleton(SharedTemplates.Value);
        services.AddCommsBotHost();
        services.AddCommsBotKeyRingProtection(configuration);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        foreach (var initializer in provider.GetServices<IHostedService>().OfType<StorageInitializer>())
        {
            await initializer.StartAsync(CancellationToken.None);
        }

        return new TestBot(provider, dataDirectory);
    }

    /// <summary>A TestAdapter for a conversation of this type ("personal", "channel", "groupChat"), with CommsBot's
    /// turn-error policy.</summary>
    public TestAdapter Conversation(string conversationType = "personal", string userId = "user-1")
    {
        var reference = new ConversationReference
        {
            ChannelId = "msteams",
            ServiceUrl = "https://smba.example.test/",
            User = new ChannelAccount(userId, "Dr Test User"),
            Bot = new ChannelAccount("bot-1", "CommsBot"),
            Conversation = new ConversationAccount(
                isGroup: conversationType != "personal",
                conversationType: conversationType,
                id: conversationType == "channel" ? "19:channel@thread.tacv2;messageid=1700000000000" : $"a:{conversationType}-{userId}",
                tenantId: "tenant-1"),
            Locale = "en-US",
        };
        var adapter = new TestAdapter(reference);
        adapter.OnTurnError = Services.GetRequiredService<CommsBotAdapter>().OnTurnError;
        return adapter;
    }

    /// <summary>Sends an activity through a full turn and returns everything the bot sent back.</summary>
    public async Task<IReadOnlyList<Activity>> SendAsync(TestAdapter adapter, Activity activity)
    {
        await adapter.ProcessActivityAsync(activity, Bot.OnTurnAsync, CancellationToken.None);
        var replies = new List<Activity>();
        while (adapter.ActiveQueue.Count > 0)
        {
            replies.Add(adapter.ActiveQueue.Dequeue());
        }

        return replies;
    }

    public Task<IReadOnlyList<Activity>> SendTextAsync(TestAdapter adapter, string text) =>
        SendAsync(adapter, new Activity { Type = ActivityTypes.Message, Text = text });

    public Task<IReadOnlyList<Activity>> SubmitAsync(TestAdapter adapter, JObject data) =>
        SendAsync(adapter, new Activity { Type = ActivityTypes.Message, Value = data });

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Reads the cards the bot sends.</summary>
internal static class Cards
{
    public static JObject Card(this Activity activity)
    {
        var attachment = Assert.Single(activity.Attachments);
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.ContentType);
        return Json(attachment.Content);
    }

    /// <summary>An attachment's card content as a tree (the bot sends its cards as JSON text).</summary>
    public static JObject Json(object content) => content switch
    {
        JObject card => card,
        CommsBot.Bot.Channels.AdaptiveCardContent text => text.ToJObject(),
        _ => JObject.FromObject(content),
    };

    public static JObject SingleCard(this IReadOnlyList<Activity> replies) => Assert.Single(replies, r => r.Attachments?.Count > 0).Card();

    /// <summary>The <c>data</c> of every action on the card whose <c>action</c> is <paramref name="action"/>.</summary>
    public static IReadOnlyList<JObject> ActionData(this JObject card, string action) =>
        card.Descendants().OfType<JProperty>()
            .Where(p => p.Name == "data" && p.Value is JObject data && (string?)data["action"] == action)
            .Select(p => (JObject)p.Value)
            .ToList();

    /// <summary>All text on the card, for "names rule X" assertions.</summary>
    public static string Text(this JObject card) => card.ToString(Newtonsoft.Json.Formatting.None);
}
