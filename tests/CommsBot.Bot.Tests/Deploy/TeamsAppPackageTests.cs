using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using CommsBot.Bot.Conversations;
using CommsBot.Bot.Tests.EndToEnd;
using Newtonsoft.Json.Linq;

namespace CommsBot.Bot.Tests.Deploy;

public sealed class TeamsAppPackageTests
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";

    [Fact]
    public async Task BuildAppPackage_ProducesZipWithSubstitutedManifestAndIcons()
    {
        var root = Prerequisites.RepoRoot;
        var zip = Path.Combine(Path.GetTempPath(), $"commsbot-teams-{Guid.NewGuid():N}.zip");
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(root, "deploy", "teams", "build-app-package.sh"));
        start.ArgumentList.Add(zip);
        start.Environment["MicrosoftAppId"] = AppId;
        using (var process = Process.Start(start)!)
        {
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, error);
        }

        try
        {
            using var archive = ZipFile.OpenRead(zip);
            Assert.Equal(["color.png", "manifest.json", "outline.png"], archive.Entries.Select(e => e.FullName).Order());
            using var reader = new StreamReader(archive.GetEntry("manifest.json")!.Open());
            var text = await reader.ReadToEndAsync();
            Assert.DoesNotContain("${{", text, StringComparison.Ordinal);
            var manifest = JObject.Parse(text);
            Assert.Equal(AppId, (string?)manifest["id"]);
            Assert.Equal(AppId, (string?)manifest["bots"]![0]!["botId"]);
            Assert.Equal(["personal", "team", "groupChat"], manifest["bots"]![0]!["scopes"]!.Values<string>());
            var command = manifest["composeExtensions"]![0]!["commands"]![0]!;
            Assert.Equal(CommsBotActivityHandler.CheckCommandId, (string?)command["id"]);
            Assert.Equal("Check with CommsBot", (string?)command["title"]);
            Assert.Equal(["message", "compose"], command["context"]!.Values<string>());
            Assert.True(((string?)manifest["description"]!["short"])!.Length <= 80);
            Assert.All(manifest.SelectTokens("bots[*].commandLists[*].commands[*]"), c =>
            {
                Assert.True(((string?)c["title"])!.Length <= 32);
                Assert.True(((string?)c["description"])!.Length <= 128);
            });
            Assert.Equal((192, 192), PngSize(archive.GetEntry("color.png")!));
            Assert.Equal((32, 32), PngSize(archive.GetEntry("outline.png")!));
        }
        finally
        {
            File.Delete(zip);
        }
    }

    private static (int Width, int Height) PngSize(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        var header = new byte[24];
        stream.ReadExactly(header);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, header[..4]);
        return (BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(20)));
    }
}
