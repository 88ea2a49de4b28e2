using CommsBot.Bot.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Tests.Hosting;

/// <summary>One pipeline, and so one circuit, per connector host, kept across calls.</summary>
public sealed class ConnectorPipelinesTests
{
    [Fact]
    public void For_SameHostAnyPath_IsOnePipeline_AnotherPortOrHost_IsAnother()
    {
        var sut = new ConnectorPipelines(Options.Create(new BotEndpointOptions()), NullLoggerFactory.Instance);

        var first = sut.For(new Uri("https://smba.trafficmanager.net/amer/v3/conversations/a/activities"));

        Assert.Same(first, sut.For(new Uri("https://smba.trafficmanager.net/emea/v3/conversations/b/activities/c")));
        Assert.NotSame(first, sut.For(new Uri("https://smba.trafficmanager.net:8443/amer/v3/conversations/a/activities")));
        Assert.NotSame(first, sut.For(new Uri("https://other.example/amer/v3/conversations/a/activities")));
    }
}
