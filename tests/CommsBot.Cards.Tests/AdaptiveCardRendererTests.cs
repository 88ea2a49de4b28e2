using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CommsBot.Guidelines;
using CommsBot.Guidelines.Pack;

namespace CommsBot.Cards.Tests;

public class AdaptiveCardRendererTests
{
    private const int TeamsLimitBytes = 40 * 1024;

    private static readonly Lazy<DraftReviewer> Reviewer = new(() => new DraftReviewer(RulePack.LoadDefault()));

    private readonly AdaptiveCardRenderer sut = new(Fixtures.Templates);

    private static CardContext Ctx(string? draft = null, int maxExcerpt = 120) => new(draft ?? Fixtures.Draft, Fixtures.Context, maxExcerpt);

    private static JsonObject Action(JsonObject card, string action) =>
        Fixtures.Descendants(card).OfType<JsonObject>()
            .Single(o => o["type"]?.ToString() == "Action.Submit" && o["data"]?["action"]?.ToString() == action)["data"]!.AsObject();

    [Fact]
    public void RenderReview_Mixed_MatchesApproved() =>
        Approvals.Verify(sut.RenderReview(Fixtures.Mixed(), Ctx()), "teams-review-mixed");

    [Fact]
    public void RenderReview_Ready_MatchesApproved() =>
        Approvals.Verify(sut.RenderReview(Fixtures.Ready(), Ctx()), "teams-review-ready");

    [Fact]
    public void RenderWhy_Mixed_MatchesApproved() =>
        Approvals.Verify(sut.RenderWhy(Fixtures.Mixed()), "teams-why");

    [Fact]
    public void RenderWelcome_MatchesApproved() => Approvals.Verify(sut.RenderWelcome(), "teams-welcome");

    [Fact]
    public void RenderHelp_MatchesApproved() => Approvals.Verify(sut.RenderHelp(), "teams-help");

    [Theory]
    [InlineData("kudos @colleague")]
    [InlineData("kudos list")]
    [InlineData("conference add")]
    [InlineData("conference list")]
    [InlineData("nudges on | off | pause")]
    [InlineData("report")]
    public void RenderHelp_ListsTheNudgeAndReportCommands(string expected) =>
        Assert.Contains(expected, Fixtures.Json(sut.RenderHelp()), StringComparison.Ordinal);

    [Fact]
    public void RenderNotice_Error_MatchesApproved() =>
        Approvals.Verify(sut.RenderNotice("Send the draft again", "The draft was too long to carry on the card.", isError: true), "teams-notice-error");

    [Fact]
    public void RenderNotice_Info_MatchesApproved() =>
        Approvals.Verify(sut.RenderNotice("Default account saved", "I'll check your drafts for a **professional** account."), "teams-notice");

    [Fact]
    public void RenderReview_RealUndisclosedPromotion_ShowsBlockerCard()
    {
        const string draft = "Swipe up to save 20% with code DOCTOR";
        var review = Reviewer.Value.Review(draft, Fixtures.Context);

        var card = Fixtures.Parse(sut.RenderReview(review, Ctx(draft)));

        var texts = Fixtures.OfType(card, "TextBlock").Select(t => t["text"]!.GetValue<string>()).ToList();
        Assert.Contains("⛔ Do not post", texts);
        Assert.Contains("undisclosed-partnership", texts);
        Assert.Equal("attention", card["body"]![0]!["style"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(Verdict.DoNotPost, "attention", "Do not post")]
    [InlineData(Verdict.Revise, "warning", "Revise before posting")]
    [InlineData(Verdict.Ready, "good", "Ready to post")]
    public void RenderReview_Verdict_HeaderHasLabelAndStyle(Verdict verdict, string style, string label)
    {
        var review = Fixtures.Mixed() with { Verdict = verdict };

        var card = Fixtures.Parse(sut.RenderReview(review, Ctx()));

        var header = card["body"]![0]!;
        Assert.Equal(style, header["style"]!.GetValue<string>());
        Assert.EndsWith(label, header["items"]![0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("2 issues to fix: 1 blocker, 1 warning · 1 idea to make it better", header["items"]![1]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void RenderReview_WithEdits_ApplyFixesCarriesDraftAccountPlatform()
    {
        var card = Fixtures.Parse(sut.RenderReview(Fixtures.Mixed(), Ctx()));

        var data = Action(card, CardActions.ApplyFixes);
        Assert.Equal(Fixtures.Draft, data["draft"]!.GetValue<string>());
        Assert.Equal("professional", data["account"]!.GetValue<string>());
        Assert.Equal("instagram", data["platform"]!.GetValue<string>());
        Assert.Null(data["draftOmitted"]);
    }

    [Fact]
    public void RenderReview_NoEdits_HasNoApplyFixes()
    {
        var card = Fixtures.Json(sut.RenderReview(Fixtures.Ready(), Ctx()));

        Assert.DoesNotContain(CardActions.ApplyFixes, card, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderReview_Why_CarriesDraftAndRuleIds()
    {
        var card = Fixtures.Parse(sut.RenderReview(Fixtures.Mixed(), Ctx()));

        var data = Action(card, CardActions.Why);
        Assert.Equal(Fixtures.Draft, data["draft"]!.GetValue<string>());
        Assert.Equal(["undisclosed-partnership", "paid-promotion-risk", "conference-highlight"], data["ruleIds"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void RenderReview_NotAnIssue_CarriesRuleAndHashButNeverTheDraft()
    {
        var card = Fixtures.Parse(sut.RenderReview(Fixtures.Mixed(), Ctx()));

        var reports = Fixtures.Descendants(card).OfType<JsonObject>()
            .Where(o => o["data"]?["action"]?.ToString() == CardActions.NotAnIssue).ToList();
        Assert.Equal(2, reports.Count);
        foreach (var report in reports)
        {
            var data = report["data"]!.AsObject();
            Assert.Equal(["action", "ruleId", "hash"], data.Select(p => p.Key));
            Assert.Equal(CardActionData.Hash(Fixtures.Draft), data["hash"]!.GetValue<string>());
            Assert.Equal("none", report["associatedInputs"]!.GetValue<string>());
        }
    }

    [Fact]
    public void RenderReview_AccountChoice_IsInputWithRecheck()
    {
        var card = Fixtures.Parse(sut.RenderReview(Fixtures.Mixed(), Ctx()));

        var input = Assert.Single(Fixtures.OfType(card, "Input.ChoiceSet"));
        Assert.Equal("account", input["id"]!.GetValue<string>());
        Assert.Equal("professional", input["value"]!.GetValue<string>());
        Assert.Equal(WireNames.Accounts, input["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()));
        var recheck = Action(card, CardActions.Recheck);
        Assert.Equal(["action", "draft", "platform"], recheck.Select(p => p.Key));
    }

    [Fact]
    public void RenderReview_Suggestion_ListsMissingItems()
    {
        var card = Fixtures.Parse(sut.RenderReview(Fixtures.Mixed(), Ctx()));

        var texts = Fixtures.OfType(card, "TextBlock").Select(t => t["text"]!.GetValue<string>()).ToList();
        Assert.Contains("• use the meeting's official hashtag", texts);
        Assert.Contains("• credit the speaker", texts);
        Assert.Contains("💡 Shares conference takeaways", texts);
    }

    [Fact]
    public void RenderReview_LongSpan_ExcerptShortenedToMaxExcerpt()
    {
        var draft = "Start " + string.Concat(Enumerable.Repeat("word ", 100));
        var card = Fixtures.Parse(sut.RenderReview(Fixtures.Warning(new TextSpan(0, draft.Length), draft), Ctx(draft, maxExcerpt: 50)));

        var excerpt = Fixtures.OfType(card, "TextRun").Single(r => r["italic"] is not null)["text"]!.GetValue<string>();
        Assert.Equal(52, excerpt.Length);
        Assert.EndsWith("…”", excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderReview_HostileDraft_IsValidJsonCarryingTheExactDraft()
    {
        const string draft = "<script>alert(\"x\")</script> & \"quotes\" \\ back\nslash ${secret} </div>";
        var review = Fixtures.Warning(new TextSpan(0, draft.Length), draft);

        var json = Fixtures.Json(sut.RenderReview(review, Ctx(draft)));
        var card = Fixtures.Parse(json);

        Assert.Equal(["$schema", "type", "version", "msteams", "body", "actions"], card.Select(p => p.Key));
        Assert.Equal(2, card["actions"]!.AsArray().Count);
        Assert.Equal(draft, Action(card, CardActions.Why)["draft"]!.GetValue<string>());
        var excerpt = Fixtures.OfType(card, "TextRun").Single(r => r["italic"] is not null)["text"]!.GetValue<string>();
        Assert.Contains("<script>alert(\"x\")</script> & \"quotes\"", excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderReview_TenThousandCharDraftManyFindings_StaysUnderTeamsLimitWithoutDraft()
    {
        var draft = BigDraft(10_000);
        var review = Fixtures.Many(draft, issues: 120, dos: 30);

        var json = Fixtures.Json(sut.RenderReview(review, Ctx(draft)));

        AssertUnderTeamsLimit(json);
        var card = Fixtures.Parse(json);
        AssertDraftOmitted(card);
        var more = Fixtures.OfType(card, "TextBlock").Select(t => t["text"]!.GetValue<string>()).Where(t => t.StartsWith("…and", StringComparison.Ordinal)).ToList();
        var shown = Fixtures.Descendants(card).OfType<JsonObject>().Count(o => o["data"]?["action"]?.ToString() == CardActions.NotAnIssue);
        Assert.InRange(shown, 1, 12);
        Assert.Equal($"…and {120 - shown} more issues.", more[0]);
    }

    [Fact]
    public void RenderReview_LinkedInLengthDraftManyFindings_CarriesDraftUnderTeamsLimit()
    {
        var draft = BigDraft(3_000);
        var review = Fixtures.Many(draft, issues: 60, dos: 20);

        var json = Fixtures.Json(sut.RenderReview(review, Ctx(draft)));

        AssertUnderTeamsLimit(json);
        var card = Fixtures.Parse(json);
        Assert.Equal(draft, Action(card, CardActions.ApplyFixes)["draft"]!.GetValue<string>());
        Assert.Equal(draft, Action(card, CardActions.Recheck)["draft"]!.GetValue<string>());
        Assert.Contains(Fixtures.OfType(card, "TextBlock"), t => t["text"]!.GetValue<string>().EndsWith("more issues.", StringComparison.Ordinal));
    }

    [Fact]
    public void RenderReview_DraftTooBigToCarry_OmitsDraftAndSaysSo()
    {
        var draft = string.Concat(Enumerable.Repeat("<&\"> ", 1_200));
        var review = Fixtures.Many(draft, issues: 20, dos: 5);

        var json = Fixtures.Json(sut.RenderReview(review, Ctx(draft)));

        AssertUnderTeamsLimit(json);
        AssertDraftOmitted(Fixtures.Parse(json));
    }

    [Fact]
    public void RenderReview_HundredThousandCharDraft_StaysUnderTeamsLimit()
    {
        var draft = BigDraft(100_000);

        var json = Fixtures.Json(sut.RenderReview(Fixtures.Many(draft, issues: 500, dos: 50), Ctx(draft)));

        AssertUnderTeamsLimit(json);
    }

    [Fact]
    public void EveryCard_IsAdaptiveCardAtMost15WithSchema()
    {
        var cards = new[]
        {
            sut.RenderReview(Fixtures.Mixed(), Ctx()),
            sut.RenderReview(Fixtures.Ready(), Ctx()),
            sut.RenderReview(Fixtures.Many(BigDraft(10_000), 50, 10), Ctx(BigDraft(10_000))),
            sut.RenderWhy(Fixtures.Mixed()),
            sut.RenderWhy(new Review(Verdict.Ready, [], "x", DraftContext.Default)),
            sut.RenderWelcome(),
            sut.RenderHelp(),
            sut.RenderNotice("t", "x", isError: true),
            sut.RenderNotice("t", "x"),
        };

        foreach (var json in cards.Select(Fixtures.Json))
        {
            var card = Fixtures.Parse(json);
            Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
            Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", card["$schema"]!.GetValue<string>());
            Assert.True(double.Parse(card["version"]!.GetValue<string>(), CultureInfo.InvariantCulture) <= 1.5);
            Assert.DoesNotContain("${", json, StringComparison.Ordinal);
            Assert.DoesNotContain("\"$when\"", json, StringComparison.Ordinal);
            Assert.DoesNotContain("\"$data\"", json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void RenderWhy_Rules_ShowRationaleAndSourceOncePerRule()
    {
        var review = Fixtures.Many(Fixtures.Draft, issues: 6, dos: 0);

        var card = Fixtures.Parse(sut.RenderWhy(review));

        var containers = card["body"]!.AsArray().Where(n => n!["type"]!.GetValue<string>() == "Container").ToList();
        Assert.Equal(2, containers.Count);
        var runs = Fixtures.OfType(card, "TextRun").Select(r => r["text"]!.GetValue<string>()).ToList();
        Assert.Contains(Fixtures.UndisclosedPartnership.Source, runs);
        Assert.Contains(Fixtures.OfType(card, "TextBlock"), t => t["text"]!.GetValue<string>() == Fixtures.UndisclosedPartnership.Rationale);
    }

    [Fact]
    public void RenderWhy_FromRulesOfAReview_SameCardAsFromTheReview()
    {
        // Why? without the draft: the rules named on the card, at their own severities (the fixture's findings keep them).
        var review = Fixtures.Many(Fixtures.Draft, issues: 6, dos: 0);

        var fromRules = sut.RenderWhy(review.Findings.Select(f => f.Rule).Reverse());

        Assert.Equal(Fixtures.Json(sut.RenderWhy(review)), Fixtures.Json(fromRules));
    }

    [Fact]
    public void RenderReview_ManyThreads_SameCard()
    {
        var expected = Fixtures.Json(sut.RenderReview(Fixtures.Mixed(), Ctx()));
        var results = new string[64];

        Parallel.For(0, results.Length, i => results[i] = Fixtures.Json(new AdaptiveCardRenderer(Fixtures.Templates).RenderReview(Fixtures.Mixed(), Ctx())));

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void RenderReview_MaxExcerptBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => sut.RenderReview(Fixtures.Mixed(), Ctx(maxExcerpt: 0)));
    }

    private static void AssertUnderTeamsLimit(string json)
    {
        var utf16 = Encoding.Unicode.GetByteCount(json);
        Assert.True(utf16 <= AdaptiveCardRenderer.MaxCardBytes, $"{utf16} bytes in UTF-16");
        Assert.True(utf16 < TeamsLimitBytes);
        Assert.True(Encoding.UTF8.GetByteCount(json) < TeamsLimitBytes);
    }

    private static void AssertDraftOmitted(JsonObject card)
    {
        foreach (var action in new[] { CardActions.ApplyFixes, CardActions.Why, CardActions.Recheck })
        {
            var data = Action(card, action);
            Assert.Null(data["draft"]);
            Assert.True(data["draftOmitted"]!.GetValue<bool>());
        }

        Assert.Contains(Fixtures.OfType(card, "TextBlock"), t => t["text"]!.GetValue<string>() == ReviewDigest.DraftOmittedNote);
    }

    internal static string BigDraft(int length)
    {
        var builder = new StringBuilder(length);
        var n = 0;
        while (builder.Length < length)
        {
            builder.Append(CultureInfo.InvariantCulture, $"Sentence {n++} says \"quoted\" things & more. ");
        }

        return builder.ToString(0, length);
    }
}
