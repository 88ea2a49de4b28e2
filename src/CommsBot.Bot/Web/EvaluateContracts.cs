using System.ComponentModel;
using System.Text.Json.Nodes;

namespace CommsBot.Bot.Web;

/// <summary>The body of <c>POST /api/evaluate</c>. Documents the contract; the endpoint reads the JSON itself so
/// that each problem gets its own message.</summary>
public sealed record EvaluateRequest(
    [property: Description("The draft to check: 1 to 10,000 characters (Guidelines:MaxDraftLength), not only white space.")]
    string Text,
    [property: Description("The account it will be posted from: professional, personal or unknown (the default).")]
    string? Account = null,
    [property: Description("The platform: x, linkedin, instagram, tiktok, facebook, bluesky, threads or unknown (the default).")]
    string? Platform = null);

/// <summary>The review of a draft, with the cards the bot would send for it. Documents the contract (the OpenAPI
/// schema); the endpoint writes the review's part with <c>ReviewJson</c>, the projection the CLI uses too, and a test
/// holds the two to the same fields in the same order.</summary>
public sealed record EvaluateResponse(
    [property: Description("do-not-post, revise or ready.")]
    string Verdict,
    [property: Description("Findings in order of position in the draft.")]
    IReadOnlyList<EvaluatedFinding> Findings,
    [property: Description("The draft with every suggested edit applied (the draft itself when no fix edits it).")]
    string RevisedText,
    [property: Description("Only when there is one: what to know beside the findings, e.g. that the draft looks like it is not in English, which the checks read.")]
    IReadOnlyList<string>? Notices,
    [property: Description("The Adaptive Card (JSON object) the bot sends in Teams.")]
    JsonObject Card,
    [property: Description("The Slack Block Kit blocks the bot sends in Slack.")]
    JsonArray Blocks);

/// <summary>One finding: where, which rule, why, and the fix.</summary>
public sealed record EvaluatedFinding(
    [property: Description("The rule id (kebab-case, stable).")]
    string Rule,
    string Title,
    [property: Description("blocker, warning, suggestion or praise.")]
    string Severity,
    [property: Description("issue or opportunity.")]
    string Category,
    [property: Description("Start of the span, in UTF-16 code units.")]
    int Start,
    [property: Description("Length of the span, in UTF-16 code units.")]
    int Length,
    string Message,
    string Rationale,
    string Source,
    EvaluatedFix Fix);

/// <summary>A suggested fix: a title, and text edits (none when the fix is advice only).</summary>
public sealed record EvaluatedFix(string Title, IReadOnlyList<EvaluatedEdit> Edits);

/// <summary>Replace <c>Length</c> UTF-16 code units at <c>Start</c> of the original draft with <c>Text</c>.</summary>
public sealed record EvaluatedEdit(int Start, int Length, string Text);
