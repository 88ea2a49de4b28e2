using CommsBot.Guidelines.Pack;

namespace CommsBot.Guidelines.Tests.Pack;

public sealed class RulePackLoaderTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("commsbot-pack-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void LoadDefault_EmbeddedPack_HasEveryRuleOfTheSpecification()
    {
        var sut = RulePack.LoadDefault();

        string[] expected =
        [
            "patient-privacy", "on-the-job-media", "disparaging-colleagues", "undisclosed-partnership", "paid-promotion-risk",
            "personal-content-public", "advice-on-personal-account", "mocking-patients", "individual-medical-advice",
            "colleague-promotion", "conference-highlight", "advocacy-education", "levity",
        ];
        Assert.Equal(expected.Order(), sut.Rules.Select(r => r.Id).Order());
        Assert.Equal(Severity.Blocker, sut["patient-privacy"].Severity);
        Assert.Equal(Severity.Warning, sut["paid-promotion-risk"].Severity);
        Assert.Equal(Severity.Suggestion, sut["advice-on-personal-account"].Severity);
        Assert.Equal(RuleCategory.Opportunity, sut["levity"].Category);
        Assert.All(sut.Rules, r => Assert.False(string.IsNullOrWhiteSpace(r.Rationale + r.Source + r.FixAdvice)));

        // an unquoted " #" in YAML starts a comment and silently truncates the text: every sentence must end
        Assert.All(sut.Rules, r =>
        {
            foreach (var text in new[] { r.Message, r.Rationale, r.Help, r.FixAdvice })
            {
                Assert.True(text.Length == 0 || text.TrimEnd().EndsWith('.') || text.TrimEnd().EndsWith('"') || text.TrimEnd().EndsWith(')'), $"{r.Id}: '{text}' looks truncated");
            }
        });
    }

    [Fact]
    public void Load_BrokenExtension_ListsEveryErrorWithFileAndRule()
    {
        var path = Write("broken.yaml", """
            rules:
              - id: Bad_Id
                title: t
                severity: catastrophic
                message: m
                rationale: r
                source: s
                fix: { kind: teleport, title: x }
                detector:
                  kind: vibes
                  groups: { a: { terms: [x] } }
                  clauses: [ { all: [a] } ]
              - id: another-rule
                title: t
                severity: warning
                message: m
                rationale: r
                source: s
                fix: { kind: advice, title: x }
                detector:
                  kind: signals
                  groups:
                    a: { terms: [x], patterns: ['(unclosed'] }
                  clauses:
                    - { all: [a, nope], scope: galaxy }
              - id: disparaging-colleagues
                groups:
                  no-such-group: { terms: [x] }
            """);

        var e = Assert.Throws<RulePackException>(() => RulePack.Load(path));

        Assert.Contains(e.Errors, x => x.RuleId == "disparaging-colleagues" && x.Message.Contains("no-such-group", StringComparison.Ordinal));
        Assert.All(e.Errors, x => Assert.Equal(path, x.File));
        Assert.True(e.Errors.Count >= 1);

        // the merge errors are reported first; fix them and the compile errors all come out together
        File.WriteAllText(path, File.ReadAllText(path).Replace("no-such-group", "profession", StringComparison.Ordinal));
        e = Assert.Throws<RulePackException>(() => RulePack.Load(path));
        var messages = e.Errors.Select(x => x.ToString()).ToList();
        Assert.Contains(messages, m => m.Contains("Bad_Id", StringComparison.Ordinal) && m.Contains("kebab-case", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("catastrophic", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("teleport", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("vibes", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("another-rule", StringComparison.Ordinal) && m.Contains("(unclosed", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("'nope'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("galaxy", StringComparison.Ordinal));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_FailsNamingTheFile()
    {
        var path = Path.Combine(dir, "nope.yaml");

        var e = Assert.Throws<RulePackException>(() => RulePack.Load(path));

        Assert.Contains("not found", e.Errors.Single().Message, StringComparison.Ordinal);
        Assert.Equal(path, e.Errors.Single().File);
    }

    [Fact]
    public void Load_InvalidYaml_ReportsLine()
    {
        var path = Write("bad.yaml", "rules:\n  - id: x\n    title: [unclosed\n");

        var e = Assert.Throws<RulePackException>(() => RulePack.Load(path));

        Assert.Contains("line", e.Errors.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnquotedHashtagTerm_ExplainsQuoting()
    {
        var path = Write("hash.yaml", "rules:\n  - id: undisclosed-partnership\n    groups:\n      relationship:\n        terms:\n          - #myspon\n");

        var e = Assert.Throws<RulePackException>(() => RulePack.Load(path));

        Assert.Contains(e.Errors, x => x.Message.Contains("quote", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_Extension_AddsTermsOverridesSeverityRetiresAndAddsRules()
    {
        var path = Write("acme.yaml", """
            rules:
              - id: undisclosed-partnership
                groups:
                  relationship:
                    terms: ["#acmecrew"]
              - id: paid-promotion-risk
                severity: blocker
              - id: levity
                retired: true
              - id: embargoed-trial
                title: Mentions an embargoed trial
                category: issue
                severity: warning
                message: This names a trial under embargo.
                rationale: Embargoes protect publication.
                source: Acme Health comms policy
                fix: { kind: advice, title: Wait until the embargo lifts. }
                detector:
                  kind: signals
                  groups:
                    trial: { terms: [HELIOS-3] }
                  clauses:
                    - all: [trial]
                examples:
                  fire: ["Can't wait for [|HELIOS-3|] results"]
                  quiet: ["Can't wait for the results"]
            """);

        var sut = new GuidelineEvaluator(RulePack.Load(path));

        Assert.Contains(sut.Evaluate("Loving these scrubs #acmecrew").Findings, f => f.RuleId == "undisclosed-partnership");
        Assert.Equal(Severity.Blocker, sut.Pack["paid-promotion-risk"].Severity);
        Assert.Equal(Verdict.DoNotPost, sut.Evaluate("#ad Paid partnership with @Brand: code SAVE20 for 20% off").Verdict);
        Assert.True(sut.Pack["levity"].Retired);
        Assert.DoesNotContain(sut.Evaluate("coffee OR sleep after a night shift? wrong answers only").Findings, f => f.RuleId == "levity");
        var finding = Assert.Single(sut.Evaluate("Big day: HELIOS-3 reads out Friday").Findings, f => f.RuleId == "embargoed-trial");
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(2, sut.Pack.Sources.Count);
    }

    [Fact]
    public void Load_ExtensionExceptions_KeepRuleQuiet()
    {
        var path = Write("exceptions.yaml", """
            rules:
              - id: on-the-job-media
                exceptions: [simulation lab]
            """);

        var sut = new GuidelineEvaluator(RulePack.Load(path));

        Assert.DoesNotContain(sut.Evaluate("Filmed a video in the simulation lab OR today, mannequins only").Findings, f => f.RuleId == "on-the-job-media");
        Assert.Contains(new GuidelineEvaluator(RulePack.LoadDefault()).Evaluate("Filmed a video in the simulation lab OR today, mannequins only").Findings, f => f.RuleId == "on-the-job-media");
    }

    [Fact]
    public void Load_ExtensionWords_ReplaceTheDefaultNegationCuesAndSpeechVerbs()
    {
        const string rule = """
            rules:
              - id: sponsor-mention
                title: Mentions a sponsor
                severity: warning
                message: This mentions a sponsor.
                rationale: Sponsorship needs a disclosure.
                source: test
                fix: { kind: advice, title: Add a disclosure. }
                detector:
                  kind: signals
                  groups: { sponsor: { terms: [sponsored], negatable: true, exceptReported: true } }
                  clauses: [ { all: [sponsor] } ]
            """;
        var withDefaults = new GuidelineEvaluator(RulePack.Load(Write("rule.yaml", rule)));
        var sut = new GuidelineEvaluator(RulePack.Load(Write("words.yaml", """
            words:
              negationCues: [nae]
              speechVerbs: [quipped]
            """ + "\n" + rule)));

        static bool Fires(GuidelineEvaluator e, string draft) => e.Evaluate(draft).Findings.Any(f => f.RuleId == "sponsor-mention");
        Assert.False(Fires(withDefaults, "This trip is not sponsored"));
        Assert.True(Fires(withDefaults, "This trip is nae sponsored"));
        Assert.True(Fires(withDefaults, "He quipped \"this trip is sponsored, surely\" at lunch"));
        Assert.True(Fires(sut, "This trip is not sponsored"));
        Assert.False(Fires(sut, "This trip is nae sponsored"));
        Assert.False(Fires(sut, "He quipped \"this trip is sponsored, surely\" at lunch"));
        Assert.True(Fires(sut, "He said \"this trip is sponsored, surely\" at lunch"));
        Assert.Contains("the", sut.Pack.Index.Words.CommonWords); // a list the extension does not give stays the default
    }

    [Fact]
    public void Load_BrokenWordLists_ListsEveryBadEntry()
    {
        var path = Write("bad-words.yaml", """
            words:
              negationCues: [not really, "Never", ok]
              commonWords: []
              speechVerbs: ["ask*"]
            """);

        var e = Assert.Throws<RulePackException>(() => RulePack.Load(path));

        Assert.Equal(
            [
                "words.negationCues: 'not really' is not one lower-case word",
                "words.negationCues: 'Never' is not one lower-case word",
                "words.commonWords: the list is missing or empty",
                "words.speechVerbs: 'ask*' is not one lower-case word",
            ],
            e.Errors.Select(x => x.Message));
        Assert.All(e.Errors, x => Assert.Null(x.RuleId));
        Assert.All(e.Errors, x => Assert.Contains(path, x.File, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("nurse(s)", new[] { "nurse", "nurses" })]
    [InlineData("film(|s|ed|ing)", new[] { "film", "films", "filmed", "filming" })]
    [InlineData("ER doc(s)", new[] { "ER doc", "ER docs" })]
    public void ExpandTerm_Alternations_ExpandsEveryForm(string term, string[] expected) =>
        Assert.Equal(expected, CommsBot.Guidelines.Detection.SignalsBuilder.ExpandTerm(term));

    private string Write(string name, string yaml)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, yaml);
        return path;
    }
}

public class ExampleInstitutionPackTests
{
    [Fact]
    public void Load_ShippedExamplePack_LoadsAndItsExamplesHold()
    {
        var pack = RulePack.Load(Path.Combine(TestPaths.RepoRoot, "deploy", "packs", "example-institution.yaml"));
        var sut = new GuidelineEvaluator(pack);

        Assert.Equal(Severity.Blocker, pack["paid-promotion-risk"].Severity);
        foreach (var example in pack.Examples.Where(e => e.RuleId == "embargoed-trial"))
        {
            Assert.Equal(example.ShouldFire, sut.Evaluate(example.Text, example.Context).Findings.Any(f => f.RuleId == "embargoed-trial"));
        }

        Assert.DoesNotContain(sut.Evaluate("Filmed a quick video in the sim lab OR today").Findings, f => f.RuleId == "on-the-job-media");
        Assert.Contains(sut.Evaluate("Loving my new scrubs #lakemontcrew").Findings, f => f.RuleId == "undisclosed-partnership");
    }
}
