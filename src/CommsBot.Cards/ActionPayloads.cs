namespace CommsBot.Cards;

/// <summary>
/// The data an action carries back to the bot: the <c>data</c> of a Teams <c>Action.Submit</c>, the <c>value</c> of a
/// Slack button (as compact JSON). Null members are left out.
/// </summary>
/// <param name="Action">One of <see cref="CardActions"/>.</param>
/// <param name="Draft">The draft, when it fits.</param>
/// <param name="DraftOmitted">True when the draft did not fit: the bot asks the user to paste it again.</param>
/// <param name="Account">The account wire name (left out of recheck: it comes from the account input).</param>
/// <param name="Platform">The platform wire name.</param>
/// <param name="RuleIds">Why? only: the rules of every finding, so the bot can explain them even without the draft.</param>
internal sealed record DraftPayload(string Action, string? Draft, bool? DraftOmitted, string? Account, string Platform, IReadOnlyList<string>? RuleIds = null)
{
    public static DraftPayload For(string action, string draft, bool carryDraft, string? account, string platform, IReadOnlyList<string>? ruleIds = null) =>
        new(action, carryDraft ? draft : null, carryDraft ? null : true, account, platform, ruleIds);
}

/// <summary>A false-positive report: the rule and the draft's hash, never the draft.</summary>
internal sealed record NotAnIssuePayload(string Action, string RuleId, string Hash);
