using System.Text.Json;

namespace CommsBot.Cli.Tests;

/// <summary>What one in-process run of the command line gave.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public JsonDocument Json() => JsonDocument.Parse(Out);

    /// <summary>Asserts the exit code, showing stderr when it differs (the reason is always there).</summary>
    public void AssertExitCode(int expected) =>
        Assert.True(ExitCode == expected, $"exit code {ExitCode}, expected {expected}; stderr:\n{Error}");

    public IReadOnlyList<string> OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Runs <c>commsbot</c> in process against in-memory streams and a controlled environment.</summary>
internal static class CliRun
{
    public static async Task<CliResult> RunAsync(string[] args, string stdin = "", IReadOnlyDictionary<string, string>? environment = null, bool useColor = false)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin);
        var host = new CliHost(input, output, error, useColor, name => environment?.GetValueOrDefault(name));
        var exitCode = await CliApp.RunAsync(args, host);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}

/// <summary>Drafts whose verdict is not in doubt, whatever tuning the rule pack gets.</summary>
internal static class Drafts
{
    public const string Ready = "Wash your hands: it is the cheapest infection control there is.";

    public const string Revise = "@jane_doe you should double your metformin dose tonight and skip the evening insulin";

    public const string DoNotPost = "Swipe up with code DOCTOR for 20% off my favourite scrubs";
}

/// <summary>A temporary directory deleted at the end of the test.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "commsbot-cli-tests-" + Guid.NewGuid().ToString("N"));

    public string File(string name, string content)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public string File(string name, IEnumerable<string> lines)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllLines(path, lines);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp directory is harmless
        }
    }
}
