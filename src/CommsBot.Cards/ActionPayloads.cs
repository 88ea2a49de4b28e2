using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CommsBot.Guidelines;

namespace CommsBot.Cards;

/// <summary>
/// The data a review card's action carries back to the bot: the <c>data</c> of a Teams <c>Action.Submit</c> or
/// <c>Action.Execute</c>, the <c>value</c> of a Slack button (as compact JSON). Written by the renderers and read by
/// the bot with the same record and the same JSON settings (camelCase, nulls left out). Drafts travel here because
/// they are never stored.
/// </summary>
/// <param name="Action">One of <see cref="CardActions"/>.</param>
/// <param name="Draft">The draft, when it fits.</param>
/// <param name="DraftOmitted">True when the draft did not fit: the bot asks the user to paste it again.</param>
/// <param name="Account">The account wire name (left out of recheck: it comes from the account input).</param>
/// <param name="Platform">The platform wire name.</param>
/// <param name="RuleIds">Why? only: the rules of every finding, so the bot can explain them without the draft.</param>
/// <param name="RuleId">Not an issue only: the rule reported.</param>
/// <param name="Hash">Not an issue only: the draft's hash (<see cref="CardActionData.Hash"/>), never the draft.</param>
public sealed record CardActionPayload(
    string Action,
    string? Draft = null,
    bool? DraftOmitted = null,
    string? Account = null,
    string? Platform = null,
    IReadOnlyList<string>? RuleIds = null,
    string? RuleId = null,
    string? Hash = null)
{
    /// <summary>The actions a review card carries (and the Slack account select).</summary>
    public static IReadOnlySet<string> Known { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        CardActions.ApplyFixes, CardActions.Why, CardActions.NotAnIssue, CardActions.Recheck, CardActions.SetAccount, CardActions.Check,
        CardActions.AskReview,
    };

    /// <summary>Whether <see cref="Action"/> is one of <see cref="Known"/>.</summary>
    [JsonIgnore]
    public bool IsKnown => Known.Contains(Action);

    /// <summary>A draft-carrying action: the draft when <paramref name="carryDraft"/>, else the draftOmitted flag.</summary>
    public static CardActionPayload ForDraft(string action, string draft, bool carryDraft, string? account, string platform, IReadOnlyList<string>? ruleIds = null) =>
        new(action, carryDraft ? draft : null, carryDraft ? null : true, account, platform, ruleIds);

    /// <summary>The action data as a JSON object (an Adaptive Card action's <c>data</c>).</summary>
    public JsonNode ToNode() => JsonSerializer.SerializeToNode(this, CardJson.Payload)!;

    /// <summary>The action data as compact JSON (a Slack button's <c>value</c>).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, CardJson.Payload);

    /// <summary>Reads action data; false when it is not a CommsBot card action (no string <c>action</c>, or a field
    /// of the wrong kind).</summary>
    public static bool TryRead(JsonNode? data, out CardActionPayload payload) => ActionData.TryRead(data, out payload);

    /// <summary>Reads action data written as JSON text (a Slack button's value).</summary>
    public static bool TryRead(string? json, out CardActionPayload payload) => ActionData.TryRead(ActionData.ParseObject(json), out payload);

    /// <summary>The account and platform the action carries (the input's choice for recheck), falling back to
    /// <paramref name="defaultAccount"/>.</summary>
    public DraftContext ContextOr(AccountKind defaultAccount)
    {
        var account = WireNames.TryParseAccount(Account, out var a) && a != AccountKind.Unknown ? a : defaultAccount;
        var platform = WireNames.TryParsePlatform(Platform, out var p) ? p : Guidelines.Platform.Unknown;
        return new DraftContext(account, platform);
    }
}

/// <summary>
/// The data of the nudge cards' buttons: an <c>action</c> (one of <see cref="NudgeActions"/>) and ids, never text.
/// </summary>
/// <param name="Action">One of <see cref="NudgeActions"/>.</param>
/// <param name="Id">Draft a post and consent: the accomplishment's id.</param>
/// <param name="Conference">Draft a highlight: the meeting's id.</param>
/// <param name="Answer">Consent: <c>yes</c> or <c>no</c>.</param>
public sealed record NudgeActionPayload(string Action, long? Id = null, string? Conference = null, string? Answer = null)
{
    /// <summary>Whether <see cref="Action"/> is one of <see cref="NudgeActions.All"/>.</summary>
    [JsonIgnore]
    public bool IsKnown => NudgeActions.All.Contains(Action);

    /// <summary>The action data as a JSON object (an Adaptive Card action's <c>data</c>).</summary>
    public JsonNode ToNode() => JsonSerializer.SerializeToNode(this, CardJson.Payload)!;

    /// <summary>The action data as compact JSON (a Slack button's <c>value</c>).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, CardJson.Payload);

    /// <summary>Reads nudge action data; false when it is not one (an unknown <c>action</c>, or a field of the wrong kind).</summary>
    public static bool TryRead(JsonNode? data, out NudgeActionPayload payload) =>
        ActionData.TryRead(data, out payload) && payload.IsKnown;
}

/// <summary>Reading action data back: the same settings as writing it.</summary>
internal static class ActionData
{
    public static bool TryRead<T>(JsonNode? data, out T payload)
        where T : class
    {
        payload = null!;
        if (data is not JsonObject o || o["action"] is not JsonValue action || action.GetValueKind() != JsonValueKind.String)
        {
            return false;
        }

        try
        {
            payload = o.Deserialize<T>(CardJson.Payload)!;
            return payload is not null;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false; // a string that is not valid Unicode
        }
    }

    public static JsonObject? ParseObject(string? json)
    {
        if (json is null || !json.StartsWith('{'))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
