using System.ComponentModel.DataAnnotations;
using CommsBot.Bot.Slack;

namespace CommsBot.Bot.Tests.Slack;

public sealed class SlackOptionsTests
{
    [Fact]
    public void Defaults_AreOffAndValid()
    {
        var sut = new SlackOptions();

        Assert.False(sut.Enabled);
        Assert.Equal(new Uri("https://slack.com/api/"), sut.ApiBaseUrl);
        Assert.Empty(Validate(sut));
    }

    [Fact]
    public void SigningSecretWithoutBotToken_IsInvalid()
    {
        var errors = Validate(new SlackOptions { SigningSecret = "s" });

        Assert.Contains(errors, e => e.Contains("Slack:BotToken is required", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ftp://slack.com/api/")]
    [InlineData("/api/")]
    public void ApiBaseUrl_NotAbsoluteHttp_IsInvalid(string url)
    {
        var errors = Validate(new SlackOptions { ApiBaseUrl = new Uri(url, UriKind.RelativeOrAbsolute) });

        Assert.Contains(errors, e => e.Contains("Slack:ApiBaseUrl", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3000)]
    public void CommandAckTimeout_OutsideSlacksThreeSeconds_IsInvalid(int milliseconds)
    {
        var errors = Validate(new SlackOptions { CommandAckTimeout = TimeSpan.FromMilliseconds(milliseconds) });

        Assert.Contains(errors, e => e.Contains("CommandAckTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public void ApiBase_WithoutTrailingSlash_GetsOne()
    {
        Assert.Equal("http://127.0.0.1:5000/api/", new SlackOptions { ApiBaseUrl = new Uri("http://127.0.0.1:5000/api") }.ApiBase.AbsoluteUri);
    }

    private static List<string> Validate(SlackOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage ?? "")];
    }
}
