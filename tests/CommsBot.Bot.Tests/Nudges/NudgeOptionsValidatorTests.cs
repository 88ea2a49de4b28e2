using CommsBot.Bot.Nudges;
using CommsBot.Nudges;

namespace CommsBot.Bot.Tests.Nudges;

public sealed class NudgeOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        var sut = new NudgeOptionsValidator();

        Assert.True(sut.Validate(null, new NudgeOptions()).Succeeded);
    }

    [Fact]
    public void Validate_DeliveryOutOfRange_ListsEveryProblemAtOnce()
    {
        var options = new NudgeOptions();
        options.Delivery.MaxConcurrentSends = 0;
        options.Delivery.RateLimits.TeamsTenant.PerSecond = 0;
        options.Delivery.RateLimits.SlackChannel.Burst = 0;
        var sut = new NudgeOptionsValidator();

        var result = sut.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("MaxConcurrentSends", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Nudges:Delivery:RateLimits:TeamsTenant:", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Nudges:Delivery:RateLimits:SlackChannel:", StringComparison.Ordinal));
    }
}
