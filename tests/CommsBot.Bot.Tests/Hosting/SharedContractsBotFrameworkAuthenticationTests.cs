using System.Security.Claims;
using CommsBot.Bot.Hosting;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Configuration;

namespace CommsBot.Bot.Tests.Hosting;

public sealed class SharedContractsBotFrameworkAuthenticationTests
{
    private const string ServiceUrl = "http://127.0.0.1:9/";

    [Fact]
    public async Task CreateAsync_SameServiceUrl_ReusesOneClientThatSurvivesDispose()
    {
        var sut = new SharedContractsBotFrameworkAuthentication(LocalMode());
        var factory = sut.CreateConnectorFactory(new ClaimsIdentity());

        var first = await factory.CreateAsync(ServiceUrl, null!, CancellationToken.None);
        first.Dispose(); // what CloudAdapter does at the end of each turn
        var second = await sut.CreateConnectorFactory(new ClaimsIdentity()).CreateAsync(ServiceUrl, null!, CancellationToken.None);

        Assert.Same(first, second);
        var connector = Assert.IsAssignableFrom<ConnectorClient>(second); // TeamsInfo needs the concrete type
        Assert.NotNull(connector.HttpClient);
        Assert.Equal(new Uri(ServiceUrl), connector.BaseUri);
    }

    [Fact]
    public async Task CreateAsync_OtherServiceUrl_GetsItsOwnClient()
    {
        var sut = new SharedContractsBotFrameworkAuthentication(LocalMode());
        var factory = sut.CreateConnectorFactory(new ClaimsIdentity());

        var first = await factory.CreateAsync(ServiceUrl, null!, CancellationToken.None);
        var other = await factory.CreateAsync("http://127.0.0.2:9/", null!, CancellationToken.None);

        Assert.NotSame(first, other);
    }

    [Fact]
    public async Task CreateAsync_ManyServiceUrls_CachesAtMostTheLimit()
    {
        var sut = new SharedContractsBotFrameworkAuthentication(LocalMode());
        var factory = sut.CreateConnectorFactory(new ClaimsIdentity());
        for (var i = 0; i < SharedContractsBotFrameworkAuthentication.MaxCachedConnectors; i++)
        {
            await factory.CreateAsync($"http://127.0.0.1:{1000 + i}/", null!, CancellationToken.None);
        }

        // Past the limit each turn gets a client of its own again (disposed with the turn).
        var a = await factory.CreateAsync("http://127.0.0.3:9/", null!, CancellationToken.None);
        var b = await factory.CreateAsync("http://127.0.0.3:9/", null!, CancellationToken.None);

        Assert.NotSame(a, b);
    }

    [Fact]
    public async Task CreateUserTokenClientAsync_NotCalled_CreatesNothingAndDisposes()
    {
        var sut = new SharedContractsBotFrameworkAuthentication(LocalMode());

        using var client = await sut.CreateUserTokenClientAsync(new ClaimsIdentity(), CancellationToken.None);

        Assert.NotNull(client);
    }

    private static ConfigurationBotFrameworkAuthentication LocalMode() =>
        new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["MicrosoftAppId"] = "" }).Build());
}
