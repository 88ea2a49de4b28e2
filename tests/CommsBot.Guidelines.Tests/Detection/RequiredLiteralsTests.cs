using System.Text.Json;
using System.Text.RegularExpressions;
using CommsBot.Guidelines.Detection;
using CommsBot.Guidelines.Text;

namespace CommsBot.Guidelines.Tests.Detection;

/// <summary>A pattern is skipped on a draft that lacks every literal it requires: the literals must be ones that
/// every match contains, however the engine folds case.</summary>
public class RequiredLiteralsTests
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    [Theory]
    [InlineData(@"\bcode:?\s+(?-i:[A-Z][A-Z0-9]{3,})\b", "\u0001code")]
    [InlineData(@"\b(big|little) (sister|brother)\b", "sister|brother")]
    [InlineData(@"%\s?off\b", "%")]
    [InlineData(@"night nurse(s)", "night nurse")]
    [InlineData(@"\bPGY-?\d\b", "\u0001pgy")]
    [InlineData(@"(?<=^|\s)""[^""\n]{2,40}""(?=[\s.,!?:;)]|$)", "\"")]
    [InlineData(@"(?-i:\bDrs?\.? [A-Z][\w'-]+)", "\u0001dr")]
    [InlineData(@"\b\d{1,3} (años|anos)\b", "os|anos")]
    [InlineData(@"(?im)^\s*(me|pov)( at [^:\n]{1,15})?:", ":")]
    [InlineData(@"ab+c", "ab")]
    [InlineData(@"(?<name>zebra)|(?'other'yak)", "zebra|yak")]
    [InlineData(@"x{2}yy", "yy")]
    [InlineData(@"[a-z-[aeiou]]{2}\[\]", "[]")]
    [InlineData(@"\b(jan|feb|oct)[a-z]*\.? \d", "\u0001jan|\u0001feb|\u0001oct")]
    [InlineData(@"\b(?:ab\w+|oct)", "\u0001ab|\u0001oct")]
    [InlineData(@"\b(x?abc|def)", "abc|def")]
    [InlineData(@"\b%off", "%off")]
    public void Of_Pattern_RequiresLiterals(string pattern, string expected) =>
        Assert.Equal(expected.Split('|'), RequiredLiterals.Of(new Regex(pattern, Options)));

    [Theory]
    [InlineData(@"(?-i:(?<![#@\w])[A-Z][a-z]+[A-Z][a-z]+\b)")] // classes only
    [InlineData(@"\b\d{1,3} ?(?:[MFmf]|y[MF])\b")] // a single letter is no filter
    [InlineData(@"(zebra|\d+)")] // a branch that requires nothing
    [InlineData(@"(zebra)?y")]
    [InlineData(@"(?x) zebra # the x option")]
    [InlineData(@"(?(zebra)yak|emu)")] // a conditional
    [InlineData(@"zebra|")]
    public void Of_NothingKnownOrTooCommon_IsNull(string pattern) =>
        Assert.Null(RequiredLiterals.Of(new Regex(pattern, Options)));

    [Fact]
    public void Fold_EveryCharacterTheEngineMatchesToAnAsciiCharacter_FoldsAlike()
    {
        // The Kelvin sign matches k and the long s matches s when ignoring case; a fold that missed them would skip a
        // pattern that matches.
        for (var ascii = ' '; ascii < (char)0x7F; ascii++)
        {
            var regex = new Regex(Regex.Escape(ascii.ToString()), Options);
            for (var c = 0; c <= char.MaxValue; c++)
            {
                if (regex.IsMatch(((char)c).ToString()))
                {
                    Assert.True(RequiredLiterals.Fold((char)c) == RequiredLiterals.Fold(ascii), $"U+{c:X4} matches '{ascii}' but folds to U+{(int)RequiredLiterals.Fold((char)c):X4}");
                }
            }
        }
    }

    [Fact]
    public void Fold_Text_MapsCaseVariantsToOneCharacter()
    {
        // the Kelvin sign lower-cases to k already; a final sigma is a sigma once upper-cased and lower-cased again
        const string text = "\u212Aelvin CAF\u00C9 \u03BF\u03C2";
        var sut = RequiredLiterals.Fold(text, text.ToLowerInvariant());

        Assert.Equal("kelvin caf\u00E9 \u03BF\u03C3", sut);
        var lower = "plain caf\u00E9";
        Assert.Same(lower, RequiredLiterals.Fold("Plain Caf\u00C9", lower));
    }

    [Theory]
    [InlineData("a doctor", false)]
    [InlineData("oct 5", true)]
    [InlineData("on 5 oct", true)]
    [InlineData("#oct", true)]
    [InlineData("x_oct", false)]
    [InlineData("7oct", false)]
    [InlineData("caf\u00E9oct", true)] // a letter outside ASCII is not ruled out: the scan stays conservative
    public void Scan_LiteralAtAWordStart_IsFoundOnlyWhereAWordStarts(string folded, bool expected)
    {
        var sut = new LiteralScan([RequiredLiterals.WordStart + "oct", "zz"]);
        var present = new bool[2];

        sut.Scan(folded, present);

        Assert.Equal([expected, false], present);
    }

    [Fact]
    public void DefaultPack_SomePatternsRequireAWordStart()
    {
        var marked = RulePackPatterns().Count(r => RequiredLiterals.Of(r)?.Any(l => l[0] == RequiredLiterals.WordStart) == true);

        Assert.True(marked > 10, $"only {marked} patterns");
    }

    [Fact]
    public void DefaultPack_EveryMatchOnTheCorpora_ContainsARequiredLiteral()
    {
        var patterns = RulePackPatterns().Select(r => (Regex: r, Required: RequiredLiterals.Of(r))).Where(p => p.Required is not null)
            .Select(p => (p.Regex, p.Required, Scan: new LiteralScan(p.Required!))).ToList();
        Assert.True(patterns.Count > 100, $"only {patterns.Count} patterns have a requirement");

        var checkedMatches = 0;
        foreach (var draft in CorpusDrafts())
        {
            var text = new DraftText(draft);
            var folded = RequiredLiterals.Fold(text.Normalized, text.Lower);
            foreach (var (regex, required, scan) in patterns)
            {
                if (regex.IsMatch(text.Normalized))
                {
                    checkedMatches++;
                    var present = new bool[scan.Count];
                    scan.Scan(folded, present);
                    Assert.True(present.Contains(true), $"'{regex}' matches a draft that has none of {string.Join(", ", required!)} (where TermIndex looks)");
                }
            }
        }

        Assert.True(checkedMatches > 1_000, $"only {checkedMatches} matches checked");
    }

    [Fact]
    public void DraftFraming_EveryRequestOnTheCorpora_ContainsARequiredLiteral()
    {
        Assert.NotNull(DraftFraming.RequestLiterals);
        var request = new Regex(typeof(DraftFraming).GetMethod("Request", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .Invoke(null, null)!.ToString()!, Options);

        var checkedMatches = 0;
        foreach (var draft in CorpusDrafts())
        {
            // each match itself holds a literal, so any part of the draft that framing searches and that holds a match does
            foreach (Match match in request.Matches(draft))
            {
                checkedMatches++;
                Assert.True(DraftFraming.MayAsk(match.ValueSpan), $"the request '{match.Value}' has none of {string.Join(", ", DraftFraming.RequestLiterals!)}");
            }
        }

        Assert.True(checkedMatches > 100, $"only {checkedMatches} requests checked");
    }

    private static IEnumerable<Regex> RulePackPatterns()
    {
        var index = CommsBot.Guidelines.Pack.RulePack.LoadDefault().Index;
        return Enumerable.Range(0, index.GroupCount).SelectMany(g => index.Group(g).Patterns).Distinct();
    }

    private static IEnumerable<string> CorpusDrafts() =>
        Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "tests", "corpus"), "*.jsonl")
            .SelectMany(File.ReadLines)
            .Where(line => line.Length > 0)
            .Select(Text);

    private static string Text(string line)
    {
        using var json = JsonDocument.Parse(line);
        return json.RootElement.GetProperty("text").GetString()!;
    }
}
