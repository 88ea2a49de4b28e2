using System.Text;
using Microsoft.Extensions.Logging.Testing;

namespace CommsBot.Bot.Tests.Reviews;

/// <summary>The review queue's privacy checks: no canary in any captured log line, and none in plaintext in the
/// SQLite database file or its write-ahead log.</summary>
internal static class ReviewAssertions
{
    public static void NoLogContains(FakeLogCollector logs, string canary)
    {
        foreach (var record in logs.GetSnapshot())
        {
            var everything = string.Join(
                "\n",
                new[] { record.Message, record.Exception?.ToString() ?? "" }
                    .Concat(record.StructuredState?.Select(kv => kv.Key + "=" + kv.Value) ?? []));
            Assert.False(everything.Contains(canary, StringComparison.Ordinal), $"[{record.Category}] {record.Message}");
        }
    }

    /// <summary>Reads commsbot.db, -wal and -shm as they are on disk now (shared with the running bot) and looks for
    /// the canary as UTF-8 and as UTF-16.</summary>
    public static void NoPlaintextInDatabaseFiles(string dataDirectory, string canary)
    {
        var files = Directory.GetFiles(dataDirectory, "commsbot.db*");
        Assert.Contains(files, f => f.EndsWith("commsbot.db", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var bytes = ReadShared(file);
            foreach (var needle in new[] { Encoding.UTF8.GetBytes(canary), Encoding.Unicode.GetBytes(canary) })
            {
                Assert.True(bytes.AsSpan().IndexOf(needle) < 0, $"{Path.GetFileName(file)} holds the canary in plaintext");
            }
        }
    }

    public static bool FileContains(string dataDirectory, string text) =>
        Directory.GetFiles(dataDirectory, "commsbot.db*").Any(f => ReadShared(f).AsSpan().IndexOf(Encoding.ASCII.GetBytes(text)) >= 0);

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
