using System.Text.Json;
using System.Text.Json.Nodes;
using CommsBot.Guidelines;
using CommsBot.Guidelines.Pack;

namespace CommsBot.Cards.Tests;

public class BlockKitRendererTests
{
    private static readonly Lazy<DraftReviewer> Reviewer = new(() => new DraftReviewer(RulePack.LoadDefault()));

    private readonly BlockKitRenderer sut = new(Fixtures.Templates);

    private static CardContext Ctx(string? draft = null) => new(draft ?? Fixtures.Draft, Fixtures.Context);

    private static JsonArray Blocks(JsonObject message) => message["blocks"]!.AsArray();

    private static IEnumerable<JsonObject> Buttons(JsonObject message, string actionId) =>
        Fixtures.OfType(message, "button").Where(b => b["action_id"]!.GetValue<string>() == actionId);

    private static JsonObject Value(JsonObject button) => JsonNode.Parse(button["value"]!.GetValue<string>())!.AsObject();

    private static IEnumerable<string> Texts(JsonObject message) =>
        Fixtures.Descendants(message["blocks"]).OfType<JsonObject>()
            .Where(o => o["type"]?.GetValueKind() == JsonValueKind.String && o["type"]!.GetValue<string>() is "mrkdwn" or "plain_text")
            .Select(o => o["text"]!.GetValue<string>());

    [Fact]
    public void RenderReview_Mixed_MatchesApproved() =>
        Approvals.Verify(sut.RenderReview(Fixtures.Mixed(), Ctx()), "slack-review-mixed");

    [Fact]
    public void RenderReview_Ready_MatchesApproved() =>
        Approvals.Verify(sut.RenderReview(Fixtures.Ready(), Ctx()), "slack-review-ready");

    [Fact]
    public void RenderWhy_Mixed_MatchesApproved() => Approvals.Verify(sut.RenderWhy(Fixtures.Mixed()), "slack-why");

    [Fact]
    public void RenderHelp_MatchesApproved() => Approvals.Verify(sut.RenderHelp(), "slack-help");

    [Theory]
    [InlineData("/commsbot check &lt;draft&gt;")]
    [InlineData("/commsbot help")]
    [InlineData("/commsbot account personal|professional")]
    [InlineData("In a DM with me")]
    [InlineData("@CommsBot check")]
    [InlineData("Check with CommsBot")]
    [InlineData("kudos @colleague")]
    [InlineData("conference add")]
    [InlineData("nudges on")]
    [InlineData("nudges pause")]
    [InlineData("report 7d")]
    public void RenderHelp_NamesEveryWayToUseTheBot(string expected) =>
        Assert.Contains(Texts(sut.RenderHelp()), t => t.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void RenderNotice_Error_MatchesApproved() =>
        Approvals.Verify(sut.RenderNotice("Send the draft again", "The draft was too long to carry on the buttons.", isError: true), "slack-notice-error");

    [Fact]
    public void RenderReview_RealUndisclosedPromotion_ShowsBlocker()
    {
        const string draft = "Swipe up to save 20% with code DOCTOR";
        var review = Reviewer.Value.Review(draft, Fixtures.Context);

        var message = Fixtures.Parse(sut.RenderReview(review, Ctx(draft)));

        Assert.Equal(":no_entry: Do not post", Blocks(message)[0]!["text"]!["text"]!.GetValue<string>());
        Assert.Contains(Texts(message), t => t == "`undisclosed-partnership`");
        Assert.StartsWith("Do not post", message["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void RenderReview_Buttons_CarryCompactJson()
    {
        var message = Fixtures.Parse(sut.RenderReview(Fixtures.Mixed(), Ctx()));

        var apply = Value(Assert.Single(Buttons(message, CardActions.ApplyFixes)));
        Assert.Equal(Fixtures.Draft, apply["draft"]!.GetValue<string>());
        Assert.Equal("professional", apply["account"]!.GetValue<string>());
        Assert.Equal("instagram", apply["platform"]!.GetValue<string>());
        Assert.Equal(CardActions.Why, Value(Assert.Single(Buttons(message, CardActions.Why)))["action"]!.GetValue<string>());
        var reports = Buttons(message, CardActions.NotAnIssue).Select(Value).ToList();
        Assert.Equal(2, reports.Count);
        Assert.All(reports, r => Assert.Equal(["action", "ruleId", "hash"], r.Select(p => p.Key)));
        Assert.DoesNotContain("Swipe", string.Concat(reports.Select(r => r.ToJsonString())), StringComparison.Ordinal);
    }

    [Fact]
    public void RenderReview_AccountSelect_HasInitialOptionAndRecheck()
    {
        var message = Fixtures.Parse(sut.RenderReview(Fixtures.Mixed(), Ctx()));

        var block = Blocks(message).Single(b => b!["block_id"]?.GetValue<string>() == "account")!;
        var select = Assert.Single(Fixtures.OfType(block, "static_select"));
        Assert.Equal(CardActions.SetAccount, select["action_id"]!.GetValue<string>());
        Assert.Contains(select["options"]!.AsArray(), o => JsonNode.DeepEquals(o, select["initial_option"]));
        var recheck = Value(Assert.Single(Buttons(message, CardActions.Recheck)));
        Assert.Equal(Fixtures.Draft, recheck["draft"]!.GetValue<string>());
        Assert.Null(recheck["account"]);
    }

    [Fact]
    public void RenderReview_NoEdits_HasNoApplyFixes()
    {
        var message = Fixtures.Parse(sut.RenderReview(Fixtures.Ready(), Ctx()));

        Assert.Empty(Buttons(message, CardActions.ApplyFixes));
    }

    [Fact]
    public void RenderReview_HostileDraft_SlackEscapedInTextExactInValues()
    {
        const string draft = "<script>alert(\"x\")</script> & <@U123> \"quotes\" \\ ${secret}";
        var review = Fixtures.Warning(new TextSpan(0, draft.Length), draft);

        var json = sut.RenderReview(review, Ctx(draft));
        var message = Fixtures.Parse(json);

        var section = Texts(message).Single(t => t.Contains("script", StringComparison.Ordinal));
        Assert.Contains("&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; &lt;@U123&gt; \"quotes\"", section, StringComparison.Ordinal);
        Assert.DoesNotContain("<", section, StringComparison.Ordinal);
        Assert.Equal(["text", "blocks"], message.Select(p => p.Key));
        Assert.Equal(draft, Value(Assert.Single(Buttons(message, CardActions.Why)))["draft"]!.GetValue<string>());
        Assert.DoesNotContain("script", message["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void RenderReview_ManyFindings_AtMost50BlocksWithMoreLine()
    {
        var draft = AdaptiveCardRendererTests.BigDraft(1_500);
        var review = Fixtures.Many(draft, issues: 100, dos: 40);

        var message = Fixtures.Parse(sut.RenderReview(review, Ctx(draft)));

        Assert.True(Blocks(message).Count <= SlackLimits.MaxBlocks, $"{Blocks(message).Count} blocks");
        var shown = Buttons(message, CardActions.NotAnIssue).Count();
        Assert.Contains($"…and {100 - shown} more issues.", Texts(message));
        Assert.Equal("actions", Blocks(message)[^1]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void RenderReview_LongRuleTexts_ShortenedTo3000()
    {
        var rule = Fixtures.Rule("undisclosed-partnership", new string('T', 400), RuleCategory.Issue, Severity.Blocker,
            string.Concat(Enumerable.Repeat("<&> ", 2_000)), "r", "s", "h");
        var review = Fixtures.Many(Fixtures.Draft, issues: 3, dos: 0, rule);

        var message = Fixtures.Parse(sut.RenderReview(review, Ctx()));

        Assert.All(Texts(message), t => Assert.True(t.Length <= SlackLimits.MaxText, $"{t.Length} chars"));
        var section = Texts(message).First(t => t.StartsWith("*TTT", StringComparison.Ordinal));
        Assert.InRange(section.Length, SlackLimits.MaxText - 5, SlackLimits.MaxText);
        Assert.EndsWith("…", section, StringComparison.Ordinal);
        Assert.DoesNotMatch("&[a-z]{0,3}…$", section);
    }

    [Fact]
    public void RenderReview_DraftFitsButtonValue_CarriedEverywhere()
    {
        var draft = AdaptiveCardRendererTests.BigDraft(1_700);

        var message = Fixtures.Parse(sut.RenderReview(Fixtures.Many(draft, 2, 0), Ctx(draft)));

        foreach (var id in new[] { CardActions.ApplyFixes, CardActions.Why, CardActions.Recheck })
        {
            var button = Assert.Single(Buttons(message, id));
            Assert.True(button["value"]!.GetValue<string>().Length <= SlackLimits.MaxButtonValue);
            Assert.Equal(draft, Value(button)["draft"]!.GetValue<string>());
        }
    }

    [Fact]
    public void RenderReview_DraftOverButtonValueLimit_FlagsOmittedAndSaysSo()
    {
        var draft = AdaptiveCardRendererTests.BigDraft(2_500);

        var message = Fixtures.Parse(sut.RenderReview(Fixtures.Many(draft, 2, 0), Ctx(draft)));

        foreach (var button in Fixtures.OfType(message, "button"))
        {
            Assert.True(button["value"]!.GetValue<string>().Length <= SlackLimits.MaxButtonValue);
        }

        foreach (var id in new[] { CardActions.ApplyFixes, CardActions.Why, CardActions.Recheck })
        {
            var value = Value(Assert.Single(Buttons(message, id)));
            Assert.Null(value["draft"]);
            Assert.True(value["draftOmitted"]!.GetValue<bool>());
        }

        Assert.Contains(ReviewDigest.DraftOmittedNote, Texts(message));
    }

    [Fact]
    public void RenderReview_TenThousandCharDraft_WithinEveryLimit()
    {
        var draft = AdaptiveCardRendererTests.BigDraft(10_000);

        var message = Fixtures.Parse(sut.RenderReview(Fixtures.Many(draft, 200, 50), Ctx(draft)));

        Assert.True(Blocks(message).Count <= SlackLimits.MaxBlocks);
        Assert.All(Fixtures.OfType(message, "button"), b => Assert.True(b["value"]!.GetValue<string>().Length <= SlackLimits.MaxButtonValue));
        Assert.All(Texts(message), t => Assert.True(t.Length <= SlackLimits.MaxText));
        Assert.All(Fixtures.OfType(message, "header"), h => Assert.True(h["text"]!["text"]!.GetValue<string>().Length <= SlackLimits.MaxHeader));
    }

    [Fact]
    public void RenderNotice_UserText_IsEscaped()
    {
        var message = Fixtures.Parse(sut.RenderNotice("A & B", "<!channel> hi"));

        Assert.Equal("*A &amp; B*\n&lt;!channel&gt; hi", Texts(message).Single());
        Assert.Equal("A &amp; B", message["text"]!.GetValue<string>());
    }

    [Fact]
    public void RenderWhy_FromRules_NamesEachRuleOnce()
    {
        var message = sut.RenderWhy([Fixtures.Levity, Fixtures.UndisclosedPartnership, Fixtures.Levity]);

        var json = Fixtures.Json(message);
        Assert.Contains(Fixtures.UndisclosedPartnership.Rationale, json, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(json, "Brings levity"));
        Assert.True(json.IndexOf("undisclosed-partnership", StringComparison.Ordinal) < json.IndexOf("levity", StringComparison.Ordinal), "issues before DOs");
    }

    [Fact]
    public void EveryMessage_HasBlocksAndFallbackText()
    {
        var messages = new[]
        {
            sut.RenderReview(Fixtures.Mixed(), Ctx()),
            sut.RenderReview(Fixtures.Ready(), Ctx()),
            sut.RenderWhy(Fixtures.Mixed()),
            sut.RenderWhy(new Review(Verdict.Ready, [], "x", DraftContext.Default)),
            sut.RenderHelp(),
            sut.RenderNotice("t", "x", isError: true),
        };

        foreach (var json in messages.Select(Fixtures.Json))
        {
            var message = Fixtures.Parse(json);
            Assert.NotEmpty(Blocks(message));
            Assert.True(Blocks(message).Count <= SlackLimits.MaxBlocks);
            Assert.False(string.IsNullOrWhiteSpace(message["text"]!.GetValue<string>()));
            Assert.DoesNotContain("${", json, StringComparison.Ordinal);
            Assert.DoesNotContain("$splice", json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void RenderWhy_ManyRules_CappedUnder50Blocks()
    {
        var findings = Enumerable.Range(0, 40).Select(i =>
        {
            var rule = Fixtures.Rule($"rule-{i}", "Title", RuleCategory.Issue, Severity.Warning, "m", "r", "s", "");
            return new ReviewedFinding(new Finding(rule.Id, Severity.Warning, new TextSpan(0, 1), new Dictionary<string, string>()), rule, SuggestedFix.Advice("a"));
        }).ToList();

        var message = Fixtures.Parse(sut.RenderWhy(new Review(Verdict.Revise, findings, "x", DraftContext.Default)));

        Assert.True(Blocks(message).Count <= SlackLimits.MaxBlocks);
        Assert.Contains($"…and {40 - BlockKitRenderer.MaxWhyRules} more rules.", Texts(message));
    }
}
