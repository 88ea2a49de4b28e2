using CommsBot.Bot.Operations;
using CommsBot.Bot.Tests.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CommsBot.Bot.Tests.Operations;

/// <summary>What a turn costs when nobody reads its telemetry: no OpenTelemetry provider without an exporter, the
/// per-check log line at Debug, and no other line per turn at the shipped log levels.</summary>
public sealed class TelemetryRegistrationTests
{
    [Fact]
    public void AddCommsBotOperations_WithoutAnExporter_RegistersNoProvider()
    {
        var sut = new ServiceCollection();

        sut.AddCommsBotOperations(new ConfigurationBuilder().Build());

        Assert.DoesNotContain(sut, d => d.ServiceType == typeof(MeterProvider));
        Assert.DoesNotContain(sut, d => d.ServiceType == typeof(TracerProvider));
    }

    [Theory]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", true, true)]
    [InlineData("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", true, false)]
    [InlineData("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", false, true)]
    public void AddCommsBotOperations_WithAnOtlpEndpoint_RegistersThatSignalsProvider(string variable, bool metrics, bool traces)
    {
        var sut = new ServiceCollection();

        sut.AddCommsBotOperations(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [variable] = "http://127.0.0.1:4317" }).Build());

        Assert.Equal(metrics, sut.Any(d => d.ServiceType == typeof(MeterProvider)));
        Assert.Equal(traces, sut.Any(d => d.ServiceType == typeof(TracerProvider)));
    }

    [Fact]
    public async Task Host_WithoutAnExporter_ChecksWithNoProviderAndLogsTheCheckAtDebug()
    {
        await using var sut = new BotHostFactory();
        using var client = sut.CreateClient();

        await OperationsHost.CheckAsync(client, "Swipe up to save 20% with code DOCTOR");

        Assert.Null(sut.Services.GetService<MeterProvider>());
        Assert.Null(sut.Services.GetService<TracerProvider>());
        var check = Assert.Single(sut.Logs.GetSnapshot(), r => r.Message.StartsWith("Checked a draft", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Debug, check.Level);
    }

    [Fact]
    public void ShippedLogLevels_WriteNoLinePerTurn_ButKeepWarnings()
    {
        var settings = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json")).Build();
        using var sut = LoggerFactory.Create(b => b.AddConfiguration(settings.GetSection("Logging")).AddProvider(new Microsoft.Extensions.Logging.Testing.FakeLoggerProvider()));

        // Polly writes "Execution attempt" at Information for every reply the connector client sends; a retried
        // attempt is a Warning.
        Assert.False(sut.CreateLogger("Polly").IsEnabled(LogLevel.Information));
        Assert.True(sut.CreateLogger("Polly").IsEnabled(LogLevel.Warning));
        Assert.False(sut.CreateLogger(typeof(CommsBot.Bot.Conversations.DraftChecker).FullName!).IsEnabled(LogLevel.Debug));
        Assert.True(sut.CreateLogger(typeof(CommsBot.Bot.Conversations.DraftChecker).FullName!).IsEnabled(LogLevel.Information));
    }
}
