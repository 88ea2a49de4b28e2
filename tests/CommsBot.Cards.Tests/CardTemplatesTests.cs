using System.Globalization;
using System.Text.Json.Nodes;

namespace CommsBot.Cards.Tests;

public sealed class CardTemplatesTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "commsbot-cards-" + Guid.NewGuid().ToString("N"));

    public CardTemplatesTests()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "cards");
        foreach (var file in Directory.EnumerateFiles(source, "*.json", SearchOption.AllDirectories))
        {
            var target = Path.Combine(directory, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Load_Default_ReadsCardsNextToTheAssembly()
    {
        var sut = CardTemplates.Load();

        Assert.Equal(Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "cards")), sut.Directory);
    }

    [Fact]
    public void Load_Default_IgnoresWorkingDirectory()
    {
        var previous = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = Path.GetTempPath();

            var sut = CardTemplates.Load();

            Assert.StartsWith(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar), sut.Directory, StringComparison.Ordinal);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    [Fact]
    public void Load_InvalidJson_ThrowsNamingTheFile()
    {
        File.WriteAllText(Path.Combine(directory, "slack", "why.json"), """{ "blocks": [ """);

        var ex = Assert.Throws<CardTemplateException>(() => CardTemplates.Load(directory));

        Assert.Contains("slack/why.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("invalid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_ThrowsNamingTheFile()
    {
        File.Delete(Path.Combine(directory, "teams", "help.json"));

        var ex = Assert.Throws<CardTemplateException>(() => CardTemplates.Load(directory));

        Assert.Contains("teams/help.json: missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadExpression_ThrowsNamingFileAndPath()
    {
        File.WriteAllText(Path.Combine(directory, "slack", "notice.json"), """{ "text": "${title ==}", "blocks": [] }""");

        var ex = Assert.Throws<CardTemplateException>(() => CardTemplates.Load(directory));

        Assert.Contains("slack/notice.json: $.text", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AdaptiveCardAbove15_Throws()
    {
        var path = Path.Combine(directory, "teams", "notice.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"1.5\"", "\"1.6\"", StringComparison.Ordinal));

        var ex = Assert.Throws<CardTemplateException>(() => CardTemplates.Load(directory));

        Assert.Contains("teams/notice.json: version 1.6", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SeveralProblems_ListsEveryOne()
    {
        File.Delete(Path.Combine(directory, "teams", "why.json"));
        File.WriteAllText(Path.Combine(directory, "slack", "help.json"), "not json");

        var ex = Assert.Throws<CardTemplateException>(() => CardTemplates.Load(directory));

        Assert.Contains("teams/why.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("slack/help.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Renderers_TemplateNamingMissingProperty_FailAtConstruction()
    {
        var path = Path.Combine(directory, "teams", "review.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("${summary}", "${summry}", StringComparison.Ordinal));
        var slack = Path.Combine(directory, "slack", "why.json");
        File.WriteAllText(slack, File.ReadAllText(slack).Replace("${rationale}", "${reason}", StringComparison.Ordinal));
        var templates = CardTemplates.Load(directory);

        var teams = Assert.Throws<CardTemplateException>(() => new AdaptiveCardRenderer(templates));
        var blockKit = Assert.Throws<CardTemplateException>(() => new BlockKitRenderer(templates));

        Assert.Contains("teams/review.json", teams.Message, StringComparison.Ordinal);
        Assert.Contains("summry", teams.Message, StringComparison.Ordinal);
        Assert.Contains("slack/why.json", blockKit.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TeamsTemplates_OnDisk_AreAdaptiveCardsAtMost15()
    {
        var teams = Path.Combine(AppContext.BaseDirectory, "cards", "teams");
        var files = Directory.GetFiles(teams, "*.json");

        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var card = JsonNode.Parse(File.ReadAllText(file))!;
            Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
            Assert.NotNull(card["$schema"]);
            Assert.True(double.Parse(card["version"]!.GetValue<string>(), CultureInfo.InvariantCulture) <= 1.5, file);
        }
    }
}
