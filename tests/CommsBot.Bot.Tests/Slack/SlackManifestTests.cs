using CommsBot.Bot.Slack;
using YamlDotNet.RepresentationModel;

namespace CommsBot.Bot.Tests.Slack;

/// <summary>deploy/slack/manifest.yaml agrees with the code: routes, the shortcut's callback id, events and scopes.</summary>
public sealed class SlackManifestTests
{
    private static readonly YamlMappingNode Manifest = Load();

    [Fact]
    public void Urls_PointAtTheBotsRoutes()
    {
        Assert.EndsWith(SlackEndpoints.CommandsRoute, Scalar("features", "slash_commands", 0, "url"), StringComparison.Ordinal);
        Assert.EndsWith(SlackEndpoints.EventsRoute, Scalar("settings", "event_subscriptions", "request_url"), StringComparison.Ordinal);
        Assert.EndsWith(SlackEndpoints.InteractionsRoute, Scalar("settings", "interactivity", "request_url"), StringComparison.Ordinal);
        Assert.Equal("true", Scalar("settings", "interactivity", "is_enabled"));
    }

    [Fact]
    public void SlashCommand_IsCommsbot()
    {
        Assert.Equal("/commsbot", Scalar("features", "slash_commands", 0, "command"));
    }

    [Fact]
    public void MessageShortcut_HasTheCallbackIdTheBotAnswers()
    {
        Assert.Equal("message", Scalar("features", "shortcuts", 0, "type"));
        Assert.Equal("Check with CommsBot", Scalar("features", "shortcuts", 0, "name"));
        Assert.Equal(SlackActivityMapper.CheckShortcutCallbackId, Scalar("features", "shortcuts", 0, "callback_id"));
    }

    [Fact]
    public void EventsAndScopes_AreWhatTheBotNeeds()
    {
        Assert.Equal(["app_mention", "message.im"], Sequence("settings", "event_subscriptions", "bot_events").Order());
        Assert.Equal(["app_mentions:read", "chat:write", "commands", "im:history"], Sequence("oauth_config", "scopes", "bot").Order());
    }

    private static string Scalar(params object[] path) => ((YamlScalarNode)Node(path)).Value!;

    private static IEnumerable<string> Sequence(params object[] path) => ((YamlSequenceNode)Node(path)).Children.Select(c => ((YamlScalarNode)c).Value!);

    private static YamlNode Node(object[] path)
    {
        YamlNode node = Manifest;
        foreach (var step in path)
        {
            node = step is int i ? ((YamlSequenceNode)node).Children[i] : ((YamlMappingNode)node).Children[new YamlScalarNode((string)step)];
        }

        return node;
    }

    private static YamlMappingNode Load()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CommsBot.sln")))
        {
            dir = dir.Parent;
        }

        var path = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("CommsBot.sln not found"), "deploy", "slack", "manifest.yaml");
        using var reader = new StreamReader(path);
        var yaml = new YamlStream();
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }
}
