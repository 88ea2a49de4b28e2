using System.Text.Json.Nodes;
using CommsBot.Guidelines;

namespace CommsBot.Cards;

/// <summary>
/// Renders Slack Block Kit messages from the <c>cards/slack/*.json</c> templates. Returns
/// <c>{"blocks":[...],"text":"fallback"}</c>, ready for <c>chat.postMessage</c> or a response URL. Every piece of user
/// or pack text is escaped for mrkdwn; every text is shortened to Slack's limits. Thread-safe.
/// </summary>
public sealed class BlockKitRenderer
{
    /// <summary>Plans tried in order until the message has at most 50 blocks.</summary>
    internal static readonly CardPlan[] Plans =
    [
        new(12, 5, int.MaxValue, true),
        new(8, 3, int.MaxValue, true),
        new(5, 2, int.MaxValue, true),
        new(3, 1, int.MaxValue, true),
        new(1, 0, int.MaxValue, true),
        new(0, 0, int.MaxValue, true),
    ];

    /// <summary>Most rules on the Why? card (two blocks each, under the 50-block limit).</summary>
    internal const int MaxWhyRules = 22;

    private readonly CardTemplates templates;

    /// <summary>Creates the renderer and renders every template once with sample data, so a template that names a missing property fails here, at start-up.</summary>
    public BlockKitRenderer(CardTemplates t)
    {
        ArgumentNullException.ThrowIfNull(t);
        templates = t;
        foreach (var (review, ctx) in SampleReviews.All())
        {
            RenderReview(review, ctx);
            RenderWhy(review);
        }

        RenderHelp();
        RenderNotice("Sample", "Sample", isError: true);
        RenderNotice("Sample", "Sample");
    }

    /// <summary>
    /// The evaluation message: verdict header, summary, a section per issue (with a Not an issue button) and a
    /// context line with its rule id, the DOs, Apply fixes (when the review has edits) and Why? buttons, and the
    /// account select (block <c>account</c>, action <c>setAccount</c>) with a Re-check button. When a button value
    /// with the draft would pass Slack's 2,000 characters, the draft-carrying buttons carry <c>draftOmitted</c>
    /// instead and a line says the draft must be pasted again.
    /// </summary>
    public JsonObject RenderReview(Review review, CardContext ctx)
    {
        var digest = ReviewDigest.Create(review, ctx);
        var carry = new CardPlan(0, 0, 0, true);
        var carryDraft = new[] { digest.ApplyFixes(carry), digest.Why(carry), digest.Recheck(carry), digest.AskReview(carry) }
            .All(p => p.ToJson().Length <= SlackLimits.MaxButtonValue);

        JsonObject message = [];
        foreach (var plan in Plans)
        {
            message = templates.Bind(CardTemplates.SlackReview, Model(digest, plan with { CarryDraft = carryDraft }));
            if (SlackLimits.BlockCount(message) <= SlackLimits.MaxBlocks)
            {
                break;
            }
        }

        return Finish(message);
    }

    /// <summary>The Why? message: each distinct rule behind the findings with its rationale, source and help.</summary>
    public JsonObject RenderWhy(Review review) => RenderWhy(WhyDigest.Rules(review));

    /// <summary>The Why? message for rules named by id (a Why? action that carries no draft), each at its configured severity.</summary>
    public JsonObject RenderWhy(IEnumerable<GuidelineRule> rules) => RenderWhy(WhyDigest.Rules(rules));

    private JsonObject RenderWhy(IReadOnlyList<(GuidelineRule Rule, Severity Severity)> all)
    {
        var rules = all.Take(MaxWhyRules)
            .Select(r => new WhyRule(r.Rule.Id, Esc(r.Rule.Title), CardText.SeverityLabel(r.Severity), Esc(r.Rule.Rationale), Esc(r.Rule.Source), Esc(r.Rule.Help)))
            .ToList();
        var model = new WhyModel(rules.Count > 0, rules, ReviewDigest.More(all.Count - rules.Count, "more rule", "more rules"));
        return Finish(templates.Bind(CardTemplates.SlackWhy, model));
    }

    /// <summary>The help message.</summary>
    public JsonObject RenderHelp() => Finish(templates.Bind(CardTemplates.SlackHelp, HelpModel.Current));

    /// <summary>A short notice (an error when <paramref name="isError"/>). Title and text are escaped: they show as written.</summary>
    public JsonObject RenderNotice(string title, string text, bool isError = false)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(text);
        return Finish(templates.Bind(CardTemplates.SlackNotice, new NoticeModel(Esc(title), Esc(text), isError)));
    }

    private static JsonObject Finish(JsonObject message)
    {
        SlackLimits.CapBlocks(message);
        SlackLimits.Enforce(message);
        return message;
    }

    private static string Esc(string text) => SlackText.Escape(text);

    private static ReviewModel Model(ReviewDigest d, CardPlan plan)
    {
        var issues = d.Issues.Take(plan.Issues)
            .Select(f => new IssueModel(f.RuleId, Esc(f.Rule.Title), f.Severity.ToWire(), CardText.SeverityLabel(f.Severity),
                Esc(d.Excerpt(f, plan)), Esc(f.Rule.Message), Esc(f.Fix.Title), d.NotAnIssue(f).ToJson()))
            .ToList();
        var opportunities = d.Opportunities.Take(plan.Opportunities)
            .Select(f => new OpportunityModel(f.RuleId, Esc(f.Rule.Title), f.Severity.ToWire(), f.Severity == Severity.Praise,
                Esc(f.Rule.Message), Esc(string.Join("; ", ReviewDigest.Missing(f)))))
            .ToList();
        var account = ReviewDigest.AccountOptions.First(o => o.Value == d.Account);
        return new ReviewModel(
            Esc($"{d.VerdictLabel} ({d.Summary})"),
            d.Verdict,
            d.VerdictLabel,
            Esc(d.Summary),
            d.Issues.Count > 0,
            issues,
            ReviewDigest.More(d.Issues.Count - issues.Count, "more issue", "more issues"),
            d.Opportunities.Count > 0,
            opportunities,
            ReviewDigest.More(d.Opportunities.Count - opportunities.Count, "more", "more"),
            d.Review.HasEdits,
            !plan.CarryDraft,
            ReviewDigest.DraftOmittedNote,
            account,
            ReviewDigest.AccountOptions,
            d.ApplyFixes(plan).ToJson(),
            d.Why(plan).ToJson(),
            d.Recheck(plan).ToJson(),
            d.Context.OfferReview,
            d.AskReview(plan).ToJson());
    }

    private sealed record ReviewModel(
        string Fallback,
        string Verdict,
        string VerdictLabel,
        string Summary,
        bool HasIssues,
        IReadOnlyList<IssueModel> Issues,
        string MoreIssues,
        bool HasOpportunities,
        IReadOnlyList<OpportunityModel> Opportunities,
        string MoreOpportunities,
        bool HasEdits,
        bool DraftOmitted,
        string DraftOmittedNote,
        AccountOption CurrentAccount,
        IReadOnlyList<AccountOption> AccountOptions,
        string ApplyFixes,
        string Why,
        string Recheck,
        bool OfferReview,
        string AskReview);

    private sealed record IssueModel(string RuleId, string Title, string Severity, string SeverityLabel, string Excerpt, string Message, string Fix, string NotAnIssue);

    private sealed record OpportunityModel(string RuleId, string Title, string Severity, bool IsPraise, string Message, string Missing);

    private sealed record WhyModel(bool HasRules, IReadOnlyList<WhyRule> Rules, string MoreRules);

    private sealed record WhyRule(string Id, string Title, string SeverityLabel, string Rationale, string Source, string Help);

    private sealed record NoticeModel(string Title, string Text, bool IsError);
}
