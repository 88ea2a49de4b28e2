using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CommsBot.Cards.Tests;

/// <summary>
/// Compares rendered JSON with <c>Approved/{name}.approved.json</c> after normalising both (parsed, indented, only
/// the escapes JSON requires). On a mismatch the rendered JSON is written to <c>{name}.received.json</c> next to
/// it: review the diff and rename it to approve. Run with <c>COMMSBOT_APPROVE=1</c> to approve every card at once.
/// </summary>
internal static class Approvals
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Verify(JsonNode card, string name) => Verify(Fixtures.Json(card), name);

    public static void Verify(string json, string name)
    {
        var directory = Path.Combine(ProjectDirectory(), "Approved");
        var approvedPath = Path.Combine(directory, name + ".approved.json");
        var receivedPath = Path.Combine(directory, name + ".received.json");
        var received = Normalise(json);

        if (Environment.GetEnvironmentVariable("COMMSBOT_APPROVE") == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(approvedPath, received);
            File.Delete(receivedPath);
            return;
        }

        var approved = File.Exists(approvedPath) ? Normalise(File.ReadAllText(approvedPath)) : null;
        if (approved == received)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received);
        Assert.Fail(approved is null
            ? $"No approved file for '{name}'. Review {receivedPath} and rename it to {Path.GetFileName(approvedPath)} (or run with COMMSBOT_APPROVE=1)."
            : $"'{name}' differs from its approved file. Compare {receivedPath} with {approvedPath}; if the change is intended, rename it over the approved file (or run with COMMSBOT_APPROVE=1).");
    }

    public static string Normalise(string json) =>
        JsonNode.Parse(json)!.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";

    /// <summary>The test project's source folder, found from the output folder (not from compile-time paths, which CI may map).</summary>
    private static string ProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CommsBot.Cards.Tests.csproj")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the CommsBot.Cards.Tests project folder above " + AppContext.BaseDirectory);
    }
}
