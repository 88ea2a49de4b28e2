using System.Text.Json;
using CommsBot.Guidelines.Pack;

namespace CommsBot.Cli.Tests.Commands;

public class RulesCommandTests
{
    [Fact]
    public async Task Rules_DefaultPack_ListsEveryRuleWithCategorySeverityAndTitle()
    {
        var pack = RulePack.LoadDefault();

        var result = await CliRun.RunAsync(["rules"]);

        result.AssertExitCode(0);
        Assert.Contains("CATEGORY", result.Out, StringComparison.Ordinal);
        foreach (var rule in pack.Rules)
        {
            var row = Assert.Single(result.OutLines, l => l.StartsWith(rule.Id + " ", StringComparison.Ordinal));
            Assert.Contains(rule.Title, row, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Rules_JsonFormat_ListsEveryRule()
    {
        var pack = RulePack.LoadDefault();

        var result = await CliRun.RunAsync(["rules", "--format", "json"]);

        var rules = result.Json().RootElement.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(pack.Rules.Select(r => r.Id), rules.Select(r => r.GetProperty("id").GetString()));
        Assert.All(rules, r => Assert.Contains(r.GetProperty("category").GetString(), new[] { "issue", "opportunity" }));
    }

    [Fact]
    public async Task Rules_PackWithSeverityOverride_ShowsTheEffectiveSeverity()
    {
        using var dir = new TempDir();
        var pack = dir.File("pack.yaml", """
            rules:
              - id: levity
                retired: true
              - id: mocking-patients
                severity: blocker
            """);

        var result = await CliRun.RunAsync(["rules", "--pack", pack, "--format", "json"]);

        result.AssertExitCode(0);
        var rules = result.Json().RootElement.GetProperty("rules").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal("blocker", rules["mocking-patients"].GetProperty("severity").GetString());
        Assert.True(rules["levity"].GetProperty("retired").GetBoolean());
    }

    [Fact]
    public async Task Rules_BrokenYaml_ExitsTwoWithFileAndLine()
    {
        using var dir = new TempDir();
        var pack = dir.File("pack.yaml", "rules: [\n");

        var result = await CliRun.RunAsync(["rules", "--pack", pack]);

        result.AssertExitCode(2);
        Assert.Contains(pack, result.Error, StringComparison.Ordinal);
        Assert.Contains("line ", result.Error, StringComparison.Ordinal);
    }
}
