namespace CommsBot.Bot.Tests.Hosting;

/// <summary>
/// One in-memory host shared by the tests of a class (an xunit class fixture), for tests that only send requests and
/// read the answers: starting the host is most of such a test's time. A test that reads the logs for its own lines,
/// changes settings or state, or counts against a rate limit starts its own <see cref="BotHostFactory"/>.
/// </summary>
public class SharedBotHost : IAsyncLifetime
{
    public SharedBotHost()
        : this(null)
    {
    }

    protected SharedBotHost(IDictionary<string, string?>? settings) => Factory = new BotHostFactory(settings);

    public BotHostFactory Factory { get; }

    public Task InitializeAsync()
    {
        _ = Factory.Server; // start it here, not inside the first test's time
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
