using CommsBot.Guidelines.Pack;

namespace CommsBot.Guidelines.Tests.Text;

/// <summary>Term syntax that packs rely on: placeholders, aliases, prefixes, possessives and negation.</summary>
public sealed class TermMatchingTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("commsbot-terms-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Theory]
    [InlineData("patient in bed 12 again", true)]
    [InlineData("patient in bed twelve again", false)]
    [InlineData("Meet Leo, our bravest", true)]
    [InlineData("Meet Dr. Patel, our new chief", false)]
    [InlineData("meet the team", false)]
    [InlineData("check ur phone", true)]
    [InlineData("the surgeon's notes", true)]
    [InlineData("vaccinated and boosted", true)]
    [InlineData("no camera in the room", false)]
    public void Evaluate_TermSyntax_MatchesAsDocumented(string draft, bool fires) =>
        Assert.Equal(fires, Fires("""
            negatable: true
            terms: ["bed <num>", "meet <Name>", "your phone", "surgeon", "vaccinat*", camera]
            """, draft));

    [Theory]
    [InlineData("Surgeons will call a four-hour case quick. I'm a surgeon, I'm allowed to say it.", false)]
    [InlineData("Nursing eats its young, and as an orthopedic nurse of 20 years I have watched it.", false)]
    [InlineData("Hospital doctors: put the medication changes at the top. Signed, a hospital doc who did six months in general practice.", false)]
    [InlineData("Anaesthesia will always ask for five more minutes. Speaking as an anaesthetist.", false)]
    [InlineData("Hospital doctors will admit anything at 3am, and I say that as a doctor.", true)]
    [InlineData("Physios again. As a physician I have given up.", true)]
    [InlineData("Surgeons will call a four-hour case quick.", true)]
    public void Evaluate_ExceptSelf_TheAuthorsOwnGroupAnywhereInTheDraft(string draft, bool fires) =>
        Assert.Equal(fires, Fires("""
            exceptSelf: true
            terms: ["surgeon(s)", "nursing", "hospital doctors", "anaesthesia", "physio(s)"]
            """, draft));

    /// <summary>Whether a one-rule pack whose one group is <paramref name="group"/> (its YAML settings) fires on
    /// <paramref name="draft"/>.</summary>
    private bool Fires(string group, string draft)
    {
        var path = Path.Combine(dir, "probe.yaml");
        var settings = string.Join("\n", group.Split('\n').Select(l => "                  " + l));
        File.WriteAllText(path, $$"""
            aliases:
              ur: your
            rules:
              - id: probe
                title: Probe
                category: issue
                severity: warning
                message: Probe.
                rationale: Probe.
                source: Test.
                fix: { kind: advice, title: Nothing. }
                detector:
                  kind: signals
                  groups:
                    probe:
            {{settings}}
                  clauses:
                    - any: [probe]
            """);
        return new GuidelineEvaluator(RulePack.Load(path)).Evaluate(draft).Findings.Any(f => f.RuleId == "probe");
    }

    [Theory]
    [InlineData("LightsOnNobodyHome", "Lights On Nobody Home")]
    [InlineData("ERLife", "ER Life")]
    [InlineData("Call999", "Call 999")]
    [InlineData("stop_scope_creep", "stop scope creep")]
    [InlineData("surgeonlife", null)]
    public void SplitHashtag_CamelCase_SplitsIntoWords(string body, string? expected) =>
        Assert.Equal(expected, CommsBot.Guidelines.Detection.TermIndex.SplitHashtag(body));

    [Fact]
    public void Evaluate_CamelCaseHashtag_MatchesItsWords()
    {
        var sut = new GuidelineEvaluator(RulePack.LoadDefault());

        var findings = sut.Evaluate("Twenty minutes on why antibiotics don't touch a cold. #TeachingTheUnteachable", new DraftContext(AccountKind.Professional)).Findings;

        var finding = Assert.Single(findings, f => f.RuleId == "mocking-patients");
        Assert.Equal("Twenty minutes on why antibiotics don't touch a cold. ".Length, finding.Span.Start);
    }

    [Fact]
    public void Load_PlaceholderOnlyOrShortPrefixTerm_IsAnError()
    {
        var path = Path.Combine(dir, "bad-terms.yaml");
        File.WriteAllText(path, """
            rules:
              - id: undisclosed-partnership
                groups:
                  relationship:
                    terms: ["<num>", "ab*"]
            """);

        var e = Assert.Throws<RulePackException>(() => RulePack.Load(path));

        Assert.Contains(e.Errors, x => x.Message.Contains("<num>", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x.Message.Contains("prefix", StringComparison.Ordinal));
    }
}
