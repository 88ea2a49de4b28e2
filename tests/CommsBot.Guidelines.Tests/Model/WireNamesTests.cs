using System.Text.Json;
using CommsBot.Guidelines;

namespace CommsBot.Guidelines.Tests.Model;

/// <summary>The wire names are a contract with users, corpora, cards and the API: the converter must write exactly these.</summary>
public class WireNamesTests
{
    [Fact]
    public void ToWire_EveryEnumValue_IsItsPublishedName()
    {
        Assert.Equal(["blocker", "warning", "suggestion", "praise"], new[] { Severity.Blocker, Severity.Warning, Severity.Suggestion, Severity.Praise }.Select(s => s.ToWire()));
        Assert.Equal(["do-not-post", "revise", "ready"], new[] { Verdict.DoNotPost, Verdict.Revise, Verdict.Ready }.Select(v => v.ToWire()));
        Assert.Equal(["issue", "opportunity"], new[] { RuleCategory.Issue, RuleCategory.Opportunity }.Select(c => c.ToWire()));
        Assert.Equal(WireNames.Accounts, new[] { AccountKind.Professional, AccountKind.Personal, AccountKind.Unknown }.Select(a => a.ToWire()));
        Assert.Equal(
            WireNames.Platforms,
            new[] { Platform.X, Platform.LinkedIn, Platform.Instagram, Platform.TikTok, Platform.Facebook, Platform.Bluesky, Platform.Threads, Platform.Unknown }.Select(p => p.ToWire()));
    }

    [Fact]
    public void Converter_ReadsWhatItWrites()
    {
        var options = new JsonSerializerOptions { Converters = { WireNames.Converter } };

        Assert.Equal("\"do-not-post\"", JsonSerializer.Serialize(Verdict.DoNotPost, options));
        Assert.Equal(Platform.LinkedIn, JsonSerializer.Deserialize<Platform>("\"linkedin\"", options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Severity>("3", options));
    }

    [Fact]
    public void TryParse_EveryWireName_RoundTrips()
    {
        foreach (var platform in Enum.GetValues<Platform>())
        {
            Assert.True(WireNames.TryParsePlatform(platform.ToWire(), out var parsed));
            Assert.Equal(platform, parsed);
        }

        foreach (var severity in Enum.GetValues<Severity>())
        {
            Assert.True(WireNames.TryParseSeverity(severity.ToWire(), out var parsed));
            Assert.Equal(severity, parsed);
        }
    }
}
