using System.Text.Encodings.Web;
using System.Text.Json;

namespace CommsBot.Cli.Output;

/// <summary>Writer options for the CLI's JSON: stdout, not HTML, so accented letters and quotes stay readable.</summary>
internal static class JsonOutput
{
    public static JsonWriterOptions Compact { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonWriterOptions Indented { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    /// <summary>Writes a document built by <paramref name="write"/> to <paramref name="output"/>, followed by a newline.</summary>
    public static async Task WriteAsync(TextWriter output, bool indented, Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, indented ? Indented : Compact))
        {
            write(writer);
        }

        await output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length));
    }

    /// <summary>A score rounded for reports (4 decimals is well below the noise of any corpus).</summary>
    public static double Round(double value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);
}
