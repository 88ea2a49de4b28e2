using CommsBot.Bot.Tests.Hosting;

namespace CommsBot.Bot.Tests.Operations;

/// <summary>A database that does not answer at start-up is tried again with back-off, a line per attempt, and then
/// the bot exits non-zero with the reason: not an abort (SIGABRT) that a restart policy loops on silently.</summary>
public sealed class DatabaseStartupTests
{
    [Fact]
    public async Task BotProcess_DatabaseUnreachable_RetriesThenExitsWithAClearReasonAndNoSecret()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        const string password = "Sup3rSecretPassw0rd";
        await using var bot = BotProcess.Start(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Urls"] = $"http://127.0.0.1:{BotProcess.FreePort()}",
            ["Bot__AllowLocalMode"] = "true",
            ["Storage__Provider"] = "Postgres",
            ["Storage__ConnectionString"] = $"Host=127.0.0.1;Port={BotProcess.FreePort()};Database=commsbot;Username=commsbot;Password={password};Timeout=2",
            // Room for two attempts even when the first one (JIT-compiling EF Core and Npgsql) is slow on a loaded machine.
            ["Storage__StartupTimeout"] = "00:00:12",
        });

        Assert.True(await bot.ExitedWithinAsync(TimeSpan.FromSeconds(60)), "the bot did not exit: " + bot.Output);

        var output = bot.Output;
        Assert.Equal(1, bot.Process.ExitCode);
        Assert.True(output.Split('\n').Count(l => l.Contains("Database not reachable: Postgres, attempt", StringComparison.Ordinal)) >= 2, output);
        Assert.Contains("CommsBot did not start: the Postgres database could not be reached or migrated within 12 s", output, StringComparison.Ordinal);
        Assert.Contains("ConnectionRefused", output, StringComparison.Ordinal);
        Assert.DoesNotContain(password, output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
    }
}
