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
    [InlineData("report", "--since")]
    public async Task RunAsync_CommandHelp_ShowsOptionsExitCodesAndExamples(string command, string option)
    {
        var result = await CliRun.RunAsync([command, "--help"]);

        result.AssertExitCode(0);
        Assert.Contains(option, result.Out, StringComparison.Ordinal);
        Assert.Contains("Examples:", result.Out, StringComparison.Ordinal);
        Assert.Contains($"commsbot {command}", result.Out, StringComparison.Ordinal);
    }

    public static TheoryData<string> Commands()
    {
        using var none = new StringWriter();
        var root = CliApp.BuildRootCommand(new CliHost(new StringReader(""), none, none, UseColor: false, _ => null));
        return new TheoryData<string>(root.Subcommands.Select(c => c.Name));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task RunAsync_EveryCommandsHelp_ShowsAnExampleOfThatCommand(string command)
    {
        var result = await CliRun.RunAsync([command, "--help"]);

        result.AssertExitCode(0);
        var examples = result.Out[result.Out.IndexOf("Examples:", StringComparison.Ordinal)..];
        Assert.Contains($"  commsbot {command} ", examples, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "check", "--platfrom", "x", "hi" }, "commsbot check: unknown option '--platfrom'. Did you mean '--platform'?")]
    [InlineData(new[] { "check", "hi", "--acount", "personal" }, "unknown option '--acount'. Did you mean '--account'?")]
    [InlineData(new[] { "check", "--platfrom=x", "hi" }, "unknown option '--platfrom'. Did you mean '--platform'?")]
    [InlineData(new[] { "check", "-platform", "x", "hi" }, "unknown option '-platform'. Did you mean '--platform'?")]
    [InlineData(new[] { "check", "--plat", "x", "hi" }, "unknown option '--plat'. Did you mean '--platform'?")]
    [InlineData(new[] { "check", "--Format", "json", "hi" }, "unknown option '--Format'. Did you mean '--format'?")]
    [InlineData(new[] { "check", "--pakc", "p.yaml", "hi" }, "unknown option '--pakc'. Did you mean '--pack'?")]
    [InlineData(new[] { "eval", "--show-erors", "corpus.jsonl" }, "commsbot eval: unknown option '--show-erors'. Did you mean '--show-errors'?")]
    [InlineData(new[] { "rules", "--fromat", "json" }, "commsbot rules: unknown option '--fromat'. Did you mean '--format'?")]
    [InlineData(new[] { "report", "--sinc", "7d" }, "commsbot report: unknown option '--sinc'. Did you mean '--since'?")]
    [InlineData(new[] { "--vesion" }, "commsbot: unknown option '--vesion'. Did you mean '--version'?")]
    [InlineData(new[] { "chek", "hi" }, "commsbot: unknown command 'chek'. Did you mean 'check'?")]
    public async Task RunAsync_MisspeltOptionOrCommand_ExitsTwoNamingItAndTheNearestValidOne(string[] args, string expected)
    {
        var result = await CliRun.RunAsync(args);

        result.AssertExitCode(2);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Theory]
    [InlineData("-x")]
    [InlineData("--verbose")]
    public async Task RunAsync_UnknownOptionWithNothingNear_ListsTheOptionsAndTheDoubleDashRoute(string option)
    {
        var result = await CliRun.RunAsync(["check", option, Drafts.Ready]);

        result.AssertExitCode(2);
        Assert.Contains($"unknown option '{option}'. Options: --account, --platform, --format, --max-length, --jsonl, --pack", result.Error, StringComparison.Ordinal);
        Assert.Contains("put -- before an argument that starts with '-': commsbot check -- TEXT", result.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("-x")]
    [InlineData("-5 kg in 5 weeks and I feel great")]
    public async Task Check_DraftStartingWithDash_WithoutDoubleDash_IsAUsageErrorNotAReadyDraft(string draft)
    {
        var result = await CliRun.RunAsync(["check", draft]);

        result.AssertExitCode(2);
        Assert.Equal("", result.Out);
        Assert.Contains("commsbot check -- TEXT", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--max-length", "-5", "--max-length must be between")]
    [InlineData("--account", "-personal", "unknown account '-personal'")]
    public async Task Check_OptionValueStartingWithDash_IsTheOptionsValueNotAnUnknownOption(string option, string value, string expected)
    {
        var result = await CliRun.RunAsync(["check", option, value, Drafts.Ready]);

        result.AssertExitCode(2);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
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
            ["check", "-" + canary],
            ["check", "--platfrom", "x", canary],
            [canary],
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
