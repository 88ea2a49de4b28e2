using CommsBot.Guidelines;

namespace CommsBot.Cards;

/// <summary>What a review card needs besides the review: the draft (for excerpts and for the actions' data) and the context.</summary>
/// <param name="Draft">The reviewed draft. Carried in the actions' data because drafts are never stored; never logged.</param>
/// <param name="Context">The account and platform the actions carry (normally the review's own context).</param>
/// <param name="MaxExcerpt">The longest excerpt shown per finding, in characters; longer ones end with "…".</param>
/// <param name="OfferReview">Show "Ask comms to review": the conversation's tenant or workspace has a review channel.</param>
public sealed record CardContext(string Draft, DraftContext Context, int MaxExcerpt = 120, bool OfferReview = false);

/// <summary>The <c>action</c> values of card submits and Slack <c>action_id</c>s.</summary>
public static class CardActions
{
    /// <summary>Apply every suggested edit. Data: draft (or draftOmitted), account, platform.</summary>
    public const string ApplyFixes = "applyFixes";

    /// <summary>Explain the rules behind the findings. Data: draft (or draftOmitted), account, platform, ruleIds.</summary>
    public const string Why = "why";

    /// <summary>Report a finding as a false positive. Data: ruleId and the draft's hash, never the draft.</summary>
    public const string NotAnIssue = "notAnIssue";

    /// <summary>Check the draft again for the chosen account. Data: draft (or draftOmitted), platform; the account comes from the account input.</summary>
    public const string Recheck = "recheck";

    /// <summary>Check a draft the user pointed at (Slack's "Check with CommsBot" message shortcut). Data: draft; the
    /// account is the user's default.</summary>
    public const string Check = "check";

    /// <summary>Ask the comms team to review the draft: the bot asks the author to confirm first. Data: draft (or
    /// draftOmitted), account, platform.</summary>
    public const string AskReview = "askReview";

    /// <summary>Slack only: the account select's <c>action_id</c> (block <c>account</c>); Slack sends it when the choice changes.</summary>
    public const string SetAccount = "setAccount";
}
