namespace CommsBot.Cli.Tests;

public class CliAppTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task RunAsync_Help_ListsCommandsAndExamples(string option)
    {
        var result = await CliRun.RunAsync([option]);

        result.AssertExitCode(0);
        Assert.Contains("check", result.Out, StringComparison.Ordinal);
        Assert.Contains("eval", result.Out, StringComparison.Ordinal);
        Assert.Contains("rules", result.Out, StringComparison.Ordinal);
        Assert.Contains("Examples:", result.Out, StringComparison.Ordinal);
        Assert.Contains("COMMSBOT_PACK", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("check", "--jsonl")]
    [InlineData("eval", "--show-errors")]
    [InlineData("rules", "--format")]
    public async Task RunAsync_CommandHelp_ShowsOptionsExitCodesAndExamples(string command, string option)
    {
        var result = await CliRun.RunAsync([command, "--help"]);

        result.AssertExitCode(0);
        Assert.Contains(option, result.Out, StringComparison.Ordinal);
        Assert.Contains("Examples:", result.Out, StringComparison.Ordinal);
        Assert.Contains($"commsbot {command}", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoArguments_ShowsHelpOnStderrAndExitsTwo()
    {
        var result = await CliRun.RunAsync([]);

        result.AssertExitCode(2);
        Assert.Contains("Usage:", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task RunAsync_UnknownCommand_ExitsTwo()
    {
        var result = await CliRun.RunAsync(["lint", "hello"]);

        result.AssertExitCode(2);
        Assert.Contains("commsbot --help", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownOption_ExitsTwo()
    {
        var result = await CliRun.RunAsync(["check", Drafts.Ready, "--acount", "personal"]);

        result.AssertExitCode(2);
        Assert.Contains("commsbot check --help", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TextWriterOverload_UsesNoColour()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CliApp.RunAsync(["check", Drafts.DoNotPost], new StringReader(""), output, error);

        Assert.Equal(1, exitCode);
        Assert.DoesNotContain("\u001b[", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UsageAndInputErrors_NeverEchoTheDraftToStderr()
    {
        const string canary = "Canary7f3a9 patient Mrs Q in bed 12";
        using var dir = new TempDir();
        var jsonl = dir.File("drafts.jsonl", ["{\"id\": \"1\", \"text\": \"" + canary + "\", \"account\": \"nope\"}", "{\"text\": \"" + canary + "\" oops}"]);
        var broken = dir.File("broken.yaml", "rules:\n  - id: patient-privacy\n    groups:\n      nope:\n        terms: [x]\n");
        string[][] runs =
        [
            ["check", canary, "extra words", "of an unquoted draft"],
            ["check", canary, "--account", "robot"],
            ["check", canary, "--max-length", "10"],
            ["check", canary, "--pack", broken],
            ["check", "--jsonl", jsonl],
            ["check", "--", "-" + canary],
            ["check", canary, "--format", "yaml"],
        ];

        foreach (var args in runs)
        {
            var result = await CliRun.RunAsync(args);

            Assert.DoesNotContain("Canary7f3a9", result.Error, StringComparison.Ordinal);
        }

        var stdin = await CliRun.RunAsync(["check", "-", "--max-length", "12"], canary);
        Assert.DoesNotContain("Canary7f3a9", stdin.Error, StringComparison.Ordinal);
    }
}
