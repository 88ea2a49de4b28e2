using System.Text.Json;
using CommsBot.Guidelines;

namespace CommsBot.Cli.Tests.Commands;

public class CheckCommandTests
{
    [Fact]
    public async Task Check_ReadyDraft_ExitsZero()
    {
        var result = await CliRun.RunAsync(["check", Drafts.Ready, "--account", "professional"]);

        result.AssertExitCode(0);
        Assert.Contains("Verdict: ready", result.Out, StringComparison.Ordinal);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task Check_DraftInPortuguese_PrintsTheNoticeBeforeTheVerdict_AndJsonCarriesIt()
    {
        const string draft = "Hoje no plantão atendemos uma paciente com pré-eclâmpsia grave e a equipe foi incrível. Obrigada a todas pelo trabalho de vocês.";

        var text = await CliRun.RunAsync(["check", draft, "--account", "professional"]);
        var json = await CliRun.RunAsync(["check", draft, "--account", "professional", "--format", "json"]);

        var note = text.Out.IndexOf("Note: This draft looks like it is written in Portuguese.", StringComparison.Ordinal);
        Assert.True(note >= 0 && note < text.Out.IndexOf("Verdict:", StringComparison.Ordinal), text.Out);
        using var document = json.Json();
        Assert.Contains("Portuguese", document.RootElement.GetProperty("notices")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ReviseDraft_ExitsOne()
    {
        var result = await CliRun.RunAsync(["check", Drafts.Revise, "--account", "professional", "--format", "json"]);

        result.AssertExitCode(1);
        using var json = result.Json();
        Assert.Equal("revise", json.RootElement.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Check_DoNotPostDraft_ExitsOne()
    {
        var result = await CliRun.RunAsync(["check", Drafts.DoNotPost, "--account", "personal", "--platform", "instagram", "--format", "json"]);

        result.AssertExitCode(1);
        using var json = result.Json();
        Assert.Equal("do-not-post", json.RootElement.GetProperty("verdict").GetString());
        Assert.Contains(json.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("rule").GetString() == "undisclosed-partnership");
    }

    [Fact]
    public async Task Check_JsonFormat_HasTheDocumentedShape()
    {
        var result = await CliRun.RunAsync(["check", Drafts.DoNotPost, "-a", "personal", "-p", "instagram", "-f", "json"]);

        using var json = result.Json();
        var root = json.RootElement;
        Assert.Equal(["verdict", "findings", "revisedText"], root.EnumerateObject().Select(p => p.Name));
        var finding = Assert.Single(root.GetProperty("findings").EnumerateArray(), f => f.GetProperty("rule").GetString() == "undisclosed-partnership");
        Assert.Equal(["rule", "severity", "start", "length", "title", "message", "fix"], finding.EnumerateObject().Select(p => p.Name));
        Assert.Equal("blocker", finding.GetProperty("severity").GetString());
        Assert.True(finding.GetProperty("start").GetInt32() >= 0);
        Assert.True(finding.GetProperty("length").GetInt32() >= 0);
        Assert.False(string.IsNullOrWhiteSpace(finding.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(finding.GetProperty("message").GetString()));
        var fix = finding.GetProperty("fix");
        Assert.Equal(["title", "edits"], fix.EnumerateObject().Select(p => p.Name));
        var edit = Assert.Single(fix.GetProperty("edits").EnumerateArray());
        Assert.Equal(["start", "length", "text"], edit.EnumerateObject().Select(p => p.Name));
        Assert.Contains(edit.GetProperty("text").GetString()!, root.GetProperty("revisedText").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_JsonFormat_MatchesTheReviewer()
    {
        var expected = new DraftReviewer(Guidelines.Pack.RulePack.LoadDefault()).Review(Drafts.Revise, new DraftContext(AccountKind.Professional));

        var result = await CliRun.RunAsync(["check", Drafts.Revise, "--account", "professional", "--format", "json"]);

        using var json = result.Json();
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(expected.Findings.Select(f => (f.RuleId, f.Span.Start, f.Span.Length)), findings.Select(f => (f.GetProperty("rule").GetString()!, f.GetProperty("start").GetInt32(), f.GetProperty("length").GetInt32())));
        Assert.Equal(expected.RevisedText, json.RootElement.GetProperty("revisedText").GetString());
    }

    [Fact]
    public async Task Check_TextFormat_HighlightsExcerptWithPlainMarkers()
    {
        // the rules alone: one finding, so the marker is [1] whatever the learned layer adds beside it
        var result = await CliRun.RunAsync(["check", Drafts.DoNotPost, "--account", "personal", "--platform", "instagram", "--learned", "off"]);

        result.AssertExitCode(1);
        Assert.Contains("»", result.Out, StringComparison.Ordinal);
        Assert.Contains("«[1]", result.Out, StringComparison.Ordinal);
        Assert.Contains("BLOCKER", result.Out, StringComparison.Ordinal);
        Assert.Contains("undisclosed-partnership", result.Out, StringComparison.Ordinal);
        Assert.Contains("Fix: ", result.Out, StringComparison.Ordinal);
        Assert.Contains("Verdict: do-not-post", result.Out, StringComparison.Ordinal);
        Assert.Contains("Revised draft", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ColourTerminal_WritesAnsiInsteadOfMarkers()
    {
        var result = await CliRun.RunAsync(["check", Drafts.DoNotPost, "--platform", "instagram"], useColor: true);

        Assert.Contains("\u001b[4;1;31m", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("»", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ReadyDraft_PrintsNoRevisedDraft()
    {
        var result = await CliRun.RunAsync(["check", Drafts.Ready, "--account", "professional"]);

        Assert.DoesNotContain("Revised draft", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_DashReadsStdin_SameAsArgument()
    {
        var fromArgument = await CliRun.RunAsync(["check", Drafts.DoNotPost, "--format", "json"]);

        var fromStdin = await CliRun.RunAsync(["check", "-", "--format", "json"], stdin: Drafts.DoNotPost + "\n");

        fromStdin.AssertExitCode(1);
        Assert.Equal(fromArgument.Out, fromStdin.Out);
    }

    [Fact]
    public async Task Check_EmptyDraft_ExitsTwoWithMessage()
    {
        var result = await CliRun.RunAsync(["check", "   "]);

        result.AssertExitCode(2);
        Assert.Contains("empty", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Check_EmptyStdin_ExitsTwo()
    {
        var result = await CliRun.RunAsync(["check", "-"], stdin: "");

        result.AssertExitCode(2);
        Assert.Contains("empty", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_DraftOverDefaultLimit_ExitsTwo()
    {
        var draft = string.Concat(Enumerable.Repeat("Night shift again. ", 600));

        var result = await CliRun.RunAsync(["check", draft]);

        result.AssertExitCode(2);
        Assert.Contains("the limit is 10,000", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Check_DraftOverMaxLengthOption_ExitsTwo()
    {
        var result = await CliRun.RunAsync(["check", Drafts.Ready, "--max-length", "20"]);

        result.AssertExitCode(2);
        Assert.Contains("the limit is 20", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_StdinOverMaxLength_StopsReadingAndExitsTwo()
    {
        var result = await CliRun.RunAsync(["check", "-", "--max-length", "100"], stdin: new string('a', 1_000_000));

        result.AssertExitCode(2);
        Assert.Contains("longer than the limit of 100 characters", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("100001")]
    [InlineData("many")]
    public async Task Check_InvalidMaxLength_ExitsTwo(string value)
    {
        var result = await CliRun.RunAsync(["check", Drafts.Ready, "--max-length", value]);

        result.AssertExitCode(2);
        Assert.Contains("--max-length", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_UnknownAccount_ExitsTwoNamingTheChoices()
    {
        var result = await CliRun.RunAsync(["check", Drafts.Ready, "--account", "corporate"]);

        result.AssertExitCode(2);
        Assert.Contains("unknown account 'corporate'", result.Error, StringComparison.Ordinal);
        Assert.Contains("professional, personal, unknown", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_UnknownPlatform_ExitsTwo()
    {
        var result = await CliRun.RunAsync(["check", Drafts.Ready, "--platform", "myspace"]);

        result.AssertExitCode(2);
        Assert.Contains("unknown platform 'myspace'", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("twitter")]
    [InlineData("LinkedIn")]
    [InlineData("bsky")]
    public async Task Check_PlatformAlias_IsAccepted(string platform)
    {
        var result = await CliRun.RunAsync(["check", Drafts.Ready, "--platform", platform, "--account", "professional"]);

        result.AssertExitCode(0);
    }

    [Fact]
    public async Task Check_UnknownFormat_ExitsTwo()
    {
        var result = await CliRun.RunAsync(["check", Drafts.Ready, "--format", "xml"]);

        result.AssertExitCode(2);
        Assert.Contains("xml", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_NoDraft_ExitsTwo()
    {
        var result = await CliRun.RunAsync(["check"]);

        result.AssertExitCode(2);
        Assert.Contains("give the draft", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_DraftAndJsonl_ExitsTwo()
    {
        var result = await CliRun.RunAsync(["check", Drafts.Ready, "--jsonl", "drafts.jsonl"]);

        result.AssertExitCode(2);
        Assert.Contains("not both", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_DraftStartingWithAt_IsNotTakenForAResponseFile()
    {
        var result = await CliRun.RunAsync(["check", "@ellie_b I can't advise you on here, but please ring your GP today", "--format", "json"]);

        Assert.True(result.ExitCode != 2, result.Error);
        using var json = result.Json();
        Assert.True(json.RootElement.TryGetProperty("verdict", out _));
    }

    [Fact]
    public async Task Check_DraftAfterDoubleDash_MayStartWithDash()
    {
        var result = await CliRun.RunAsync(["check", "--format", "json", "--", "-5 kg in 5 weeks and I feel great"]);

        Assert.True(result.ExitCode != 2, result.Error);
    }

    [Fact]
    public async Task Check_BrokenPack_ListsEveryErrorOnStderr()
    {
        using var dir = new TempDir();
        var pack = dir.File("broken.yaml", """
            rules:
              - id: patient-privacy
                groups:
                  no-such-group:
                    terms: [foo]
              - id: mocking-patients
                groups:
                  another-missing-group:
                    terms: [bar]
            """);

        var result = await CliRun.RunAsync(["check", Drafts.Ready, "--pack", pack]);

        result.AssertExitCode(2);
        Assert.Equal("", result.Out);
        Assert.Contains("has 2 errors", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{pack}: rule 'patient-privacy': group 'no-such-group'", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{pack}: rule 'mocking-patients': group 'another-missing-group'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_PackFromEnvironment_IsUsed()
    {
        var environment = new Dictionary<string, string> { ["COMMSBOT_PACK"] = Path.Combine(Path.GetTempPath(), "no-such-commsbot-pack.yaml") };

        var result = await CliRun.RunAsync(["check", Drafts.Ready], environment: environment);

        result.AssertExitCode(2);
        Assert.Contains("named in COMMSBOT_PACK", result.Error, StringComparison.Ordinal);
        Assert.Contains("no-such-commsbot-pack.yaml", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_PackOption_OverridesEnvironment()
    {
        using var dir = new TempDir();
        var pack = dir.File("extra.yaml", """
            rules:
              - id: patient-privacy
                severity: warning
            """);
        var environment = new Dictionary<string, string> { ["COMMSBOT_PACK"] = Path.Combine(dir.Path, "missing.yaml") };

        var result = await CliRun.RunAsync(["check", Drafts.Ready, "--account", "professional", "--pack", pack], environment: environment);

        result.AssertExitCode(0);
    }

    [Fact]
    public async Task Check_SeverityOverrideInPack_ChangesTheVerdict()
    {
        using var dir = new TempDir();
        var pack = dir.File("softer.yaml", """
            rules:
              - id: undisclosed-partnership
                severity: warning
            """);

        var result = await CliRun.RunAsync(["check", Drafts.DoNotPost, "--format", "json", "--pack", pack]);

        using var json = result.Json();
        Assert.Equal("revise", json.RootElement.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Check_NonAsciiDraft_RoundTripsThroughJson()
    {
        const string draft = "Café rounds done ☕ — «merci» à l'équipe de nuit 💙";

        var result = await CliRun.RunAsync(["check", draft, "--account", "personal", "--format", "json"]);

        using var json = result.Json();
        Assert.Equal(draft, json.RootElement.GetProperty("revisedText").GetString());
        Assert.Contains("Café", result.Out, StringComparison.Ordinal);
        Assert.True(json.RootElement.GetProperty("findings").ValueKind == JsonValueKind.Array);
    }
}
