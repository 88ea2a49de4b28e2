using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using CommsBot.Bot.Tests.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using CommsBot.Bot.Operations;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CommsBot.Bot.Tests.Operations;

/// <summary>Metrics and spans of real turns, through OpenTelemetry's in-memory exporter. Other tests' hosts may run
/// in parallel in this process and share the meter and activity source names, so counts are asserted as at least, and
/// the exporters write into locked collections (another host's turn ends its span, and exports it here, on its own
/// thread) that the assertions read as snapshots.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Turns_WithACanaryDraft_ExportCountsAndSpansButNeverTheDraft()
    {
        var canary = "Canary" + Guid.NewGuid().ToString("N");
        var draft = $"Swipe up to save 20% with code {canary} at the midlevels clinic";
        var activityId = "activity-" + Guid.NewGuid().ToString("N");
        var exportedMetrics = new LockedCollection<MetricSnapshot>();
        var exportedSpans = new LockedCollection<Activity>();
        await using var host = new BotHostFactory();
        await using var sut = host.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            // What an OTLP endpoint in the environment turns on, with in-memory exporters instead.
            s.AddCommsBotOpenTelemetry(new ConfigurationBuilder().Build(), m => m.AddInMemoryExporter(exportedMetrics), t => t.AddInMemoryExporter(exportedSpans));
        }));
        using var client = sut.CreateClient();

        var card = await OperationsHost.CheckAsync(client, draft, activityId);
        await OperationsHost.PressAsync(client, card, "applyFixes");
        await OperationsHost.PressAsync(client, card, "notAnIssue");
        Assert.True(sut.Services.GetRequiredService<MeterProvider>().ForceFlush());
        Assert.True(sut.Services.GetRequiredService<TracerProvider>().ForceFlush());
        var metrics = exportedMetrics.Snapshot();
        var spans = exportedSpans.Snapshot();

        Assert.True(Sum(metrics, "commsbot.checks", ("verdict", "do-not-post")) >= 1);
        Assert.True(Sum(metrics, "commsbot.findings", ("rule", "undisclosed-partnership")) >= 1);
        Assert.True(Sum(metrics, "commsbot.fixes_applied") >= 1);
        Assert.True(Sum(metrics, "commsbot.false_positive_reports") >= 1);
        var turns = metrics.Where(m => m.Name == "commsbot.turn_duration").SelectMany(m => m.MetricPoints)
            .Where(p => Tags(p).Contains(("channel", "msteams"))).ToList();
        Assert.NotEmpty(turns);
        Assert.True(turns.Sum(p => p.GetHistogramCount()) >= 3);

        var turn = Assert.Single(spans, s => s.OperationName == "commsbot.turn" && (string?)s.GetTagItem("commsbot.activity.id") == activityId);
        Assert.Equal("msteams", turn.GetTagItem("commsbot.channel"));
        Assert.Equal("message", turn.GetTagItem("commsbot.activity.type"));
        var evaluation = Assert.Single(spans, s => s.OperationName == "commsbot.evaluate" && s.ParentSpanId == turn.SpanId);
        Assert.Equal("do-not-post", evaluation.GetTagItem("commsbot.verdict"));
        Assert.Equal(draft.Length, evaluation.GetTagItem("commsbot.draft.length"));
        Assert.Contains("undisclosed-partnership", (string[])evaluation.GetTagItem("commsbot.rule_ids")!);
        Assert.True((int)evaluation.GetTagItem("commsbot.findings.count")! >= 1);

        foreach (var span in spans)
        {
            Assert.DoesNotContain(canary, span.DisplayName, StringComparison.Ordinal);
            Assert.DoesNotContain(canary, span.StatusDescription ?? "", StringComparison.Ordinal);
            foreach (var (key, value) in span.TagObjects)
            {
                Assert.DoesNotContain(canary, key + "=" + Flatten(value), StringComparison.Ordinal);
            }

            Assert.All(span.Events, e => Assert.DoesNotContain(canary, e.Name + string.Join(",", e.Tags.Select(t => Flatten(t.Value))), StringComparison.Ordinal));
        }

        foreach (var point in metrics.SelectMany(m => m.MetricPoints))
        {
            Assert.All(Tags(point), t => Assert.DoesNotContain(canary, t.Key + "=" + t.Value, StringComparison.Ordinal));
        }
    }

    // Cumulative: each stream's last export holds its totals. Another host's meter of the same name, alive in this
    // process while this test runs, is exported as a second stream with the same instrument name, so the last
    // snapshot by name may be that host's: take the largest total of any snapshot instead.
    private static long Sum(List<MetricSnapshot> metrics, string name, params (string Key, string Value)[] tags) =>
        metrics.Where(m => m.Name == name)
            .Select(m => m.MetricPoints.Where(p => tags.All(t => Tags(p).Contains((t.Key, t.Value)))).Sum(p => p.GetSumLong()))
            .DefaultIfEmpty(0)
            .Max();

    private static List<(string Key, string Value)> Tags(MetricPoint point)
    {
        var tags = new List<(string, string)>();
        foreach (var tag in point.Tags)
        {
            tags.Add((tag.Key, Flatten(tag.Value)));
        }

        return tags;
    }

    /// <summary>A collection the exporters may add to from any thread while the test reads a copy.</summary>
    private sealed class LockedCollection<T> : ICollection<T>
    {
        private readonly List<T> items = [];

        public int Count
        {
            get
            {
                lock (items)
                {
                    return items.Count;
                }
            }
        }

        public bool IsReadOnly => false;

        public List<T> Snapshot()
        {
            lock (items)
            {
                return [.. items];
            }
        }

        public void Add(T item)
        {
            lock (items)
            {
                items.Add(item);
            }
        }

        public void Clear()
        {
            lock (items)
            {
                items.Clear();
            }
        }

        public bool Contains(T item)
        {
            lock (items)
            {
                return items.Contains(item);
            }
        }

        public void CopyTo(T[] array, int arrayIndex)
        {
            lock (items)
            {
                items.CopyTo(array, arrayIndex);
            }
        }

        public bool Remove(T item)
        {
            lock (items)
            {
                return items.Remove(item);
            }
        }

        public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private static string Flatten(object? value) => value switch
    {
        null => "",
        string s => s,
        System.Collections.IEnumerable e => string.Join(",", e.Cast<object?>().Select(Flatten)),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
