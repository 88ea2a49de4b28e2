using CommsBot.Cards;
using CommsBot.Guidelines;
using Newtonsoft.Json.Linq;

namespace CommsBot.Bot.Conversations;

/// <summary>The data of a card button: an Action.Submit's <c>value</c>, an Action.Execute's <c>data</c>, or a task
/// module submit. Drafts travel in the data because they are never stored.</summary>
public sealed record CardActionRequest(
    string Action,
    string? Draft,
    bool DraftOmitted,
    string? Account,
    string? Platform,
    string? RuleId,
    string? Hash)
{
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        CardActions.ApplyFixes, CardActions.Why, CardActions.NotAnIssue, CardActions.Recheck, CardActions.SetAccount,
    };

    public bool IsKnown => Known.Contains(Action);

    /// <summary>Reads the action data; false when the value is not a CommsBot card action.</summary>
    public static bool TryParse(object? value, out CardActionRequest request)
    {
        request = null!;
        var data = value switch
        {
            JObject o => o,
            string s when s.StartsWith('{') => TryParseObject(s),
            null => null,
            _ => JObject.FromObject(value),
        };
        if (data?["action"] is not JValue { Type: JTokenType.String } action)
        {
            return false;
        }

        request = new CardActionRequest(
            (string)action!,
            Str(data, "draft"),
            data["draftOmitted"]?.Type == JTokenType.Boolean && (bool)data["draftOmitted"]!,
            Str(data, "account"),
            Str(data, "platform"),
            Str(data, "ruleId"),
            Str(data, "hash"));
        return true;
    }

    /// <summary>The account and platform the action carries (the input's choice for recheck), falling back to
    /// <paramref name="defaultAccount"/>.</summary>
    public DraftContext ContextOr(AccountKind defaultAccount)
    {
        var account = WireNames.TryParseAccount(Account, out var a) && a != AccountKind.Unknown ? a : defaultAccount;
        var platform = WireNames.TryParsePlatform(Platform, out var p) ? p : Guidelines.Platform.Unknown;
        return new DraftContext(account, platform);
    }

    private static JObject? TryParseObject(string s)
    {
        try
        {
            return JObject.Parse(s);
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return null;
        }
    }

    private static string? Str(JObject data, string name) => data[name] is JValue { Type: JTokenType.String } v ? (string?)v : null;
}
