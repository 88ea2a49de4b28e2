using System.Text;
using CommsBot.Bot.Slack;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CommsBot.Bot.Tests.Slack;

public sealed class SlackSignatureVerifierTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(SlackPayloads.PublishedExampleBody);
    private static readonly string Timestamp = SlackPayloads.PublishedExampleTimestamp.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static SlackSignatureVerifier Sut(string secret = SlackHost.Secret, int offsetSeconds = 0) =>
        new(
            Options.Create(new SlackOptions { SigningSecret = secret, BotToken = "xoxb-1" }),
            new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(SlackPayloads.PublishedExampleTimestamp + offsetSeconds)));

    [Fact]
    public void Sign_PublishedExample_MatchesSlacksSignature()
    {
        Assert.Equal(SlackPayloads.PublishedExampleSignature, SlackSignatureVerifier.Sign(SlackHost.Secret, Timestamp, Body));
    }

    [Fact]
    public void Verify_PublishedExample_IsValid()
    {
        Assert.Equal(SlackSignatureResult.Valid, Sut().Verify(Timestamp, SlackPayloads.PublishedExampleSignature, Body));
    }

    [Theory]
    [InlineData(-299)]
    [InlineData(0)]
    [InlineData(299)]
    [InlineData(300)]
    public void Verify_TimestampWithinFiveMinutes_IsValid(int offsetSeconds)
    {
        Assert.Equal(SlackSignatureResult.Valid, Sut(offsetSeconds: offsetSeconds).Verify(Timestamp, SlackPayloads.PublishedExampleSignature, Body));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    [InlineData(600)]
    [InlineData(86_400)]
    public void Verify_TimestampOverFiveMinutesOff_IsStale(int offsetSeconds)
    {
        Assert.Equal(SlackSignatureResult.StaleTimestamp, Sut(offsetSeconds: offsetSeconds).Verify(Timestamp, SlackPayloads.PublishedExampleSignature, Body));
    }

    [Fact]
    public void Verify_TamperedBody_IsBadSignature()
    {
        var tampered = Encoding.UTF8.GetBytes(SlackPayloads.PublishedExampleBody.Replace("text=&", "text=check+x&", StringComparison.Ordinal));

        Assert.Equal(SlackSignatureResult.BadSignature, Sut().Verify(Timestamp, SlackPayloads.PublishedExampleSignature, tampered));
    }

    [Fact]
    public void Verify_AnotherToken_IsBadSignature()
    {
        var other = Encoding.UTF8.GetBytes(SlackPayloads.PublishedExampleBody.Replace("xyzz0WbapA4vBCDEFasx0q6G", "xyzz0WbapA4vBCDEvbs8uIY8", StringComparison.Ordinal));

        Assert.Equal(SlackSignatureResult.BadSignature, Sut().Verify(Timestamp, SlackPayloads.PublishedExampleSignature, other));
    }

    [Fact]
    public void Verify_OneByteAppended_IsBadSignature()
    {
        Assert.Equal(SlackSignatureResult.BadSignature, Sut().Verify(Timestamp, SlackPayloads.PublishedExampleSignature, [.. Body, (byte)' ']));
    }

    [Fact]
    public void Verify_OtherSecret_IsBadSignature()
    {
        Assert.Equal(SlackSignatureResult.BadSignature, Sut("another-secret").Verify(Timestamp, SlackPayloads.PublishedExampleSignature, Body));
    }

    [Fact]
    public void Verify_SignatureForAnotherTimestamp_IsBadSignature()
    {
        var other = (SlackPayloads.PublishedExampleTimestamp + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(SlackSignatureResult.BadSignature, Sut().Verify(other, SlackPayloads.PublishedExampleSignature, Body));
    }

    [Theory]
    [InlineData("a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")] // no version
    [InlineData("v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")] // other version
    [InlineData("v0=A2114D57B48EAC39B9AD189DD8316235A7B4A8D21A10BD27519666489C69B503")] // upper case: same bytes
    [InlineData("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b5")] // short
    [InlineData("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b50300")] // long
    [InlineData("v0=zz114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")] // not hex
    [InlineData("v0=")]
    public void Verify_MalformedSignature_IsBadSignatureUnlessSameBytes(string signature)
    {
        var expected = signature.StartsWith("v0=A", StringComparison.Ordinal) ? SlackSignatureResult.Valid : SlackSignatureResult.BadSignature;

        Assert.Equal(expected, Sut().Verify(Timestamp, signature, Body));
    }

    [Theory]
    [InlineData(null, SlackPayloads.PublishedExampleSignature)]
    [InlineData("", SlackPayloads.PublishedExampleSignature)]
    [InlineData("1531420618", null)]
    [InlineData("1531420618", "")]
    [InlineData(null, null)]
    public void Verify_MissingHeader_IsMissingHeaders(string? timestamp, string? signature)
    {
        Assert.Equal(SlackSignatureResult.MissingHeaders, Sut().Verify(timestamp, signature, Body));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-1531420618")]
    [InlineData("1531420618.5")]
    [InlineData("99999999999999999999")]
    public void Verify_TimestampNotSeconds_IsBadTimestamp(string timestamp)
    {
        Assert.Equal(SlackSignatureResult.BadTimestamp, Sut().Verify(timestamp, SlackPayloads.PublishedExampleSignature, Body));
    }

    [Fact]
    public void Verify_NoSigningSecret_NeverValid()
    {
        Assert.NotEqual(SlackSignatureResult.Valid, Sut("").Verify(Timestamp, SlackSignatureVerifier.Sign("", Timestamp, Body), Body));
    }
}
