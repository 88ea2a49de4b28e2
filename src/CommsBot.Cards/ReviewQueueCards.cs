using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CommsBot.Guidelines;

namespace CommsBot.Cards;

/// <summary>The <c>action</c> values of the review queue's cards, forms and modals.</summary>
public static class ReviewActions
{
    /// <summary>The author confirmed: share the draft with the comms team. Data: draft, account, platform,
    /// resubmitOf; the form adds note and wantedBy.</summary>
    public const string Submit = "review-submit";

    /// <summary>A reviewer takes the request. Data: id.</summary>
    public const string Take = "review-take";

    /// <summary>Approve, with an optional comment. Data: id; the form adds comment.</summary>
    public const string Approve = "review-approve";

    /// <summary>Request changes: a comment and an optional edited draft. Data: id; the form adds comment and editedDraft.</summary>
    public const string RequestChanges = "review-changes";

    /// <summary>Open the comment form for a decision (Slack's buttons: the form is a modal). Data: id, decision.</summary>
    public const string Comment = "review-comment";

    /// <summary>Every review queue action.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal) { Submit, Take, Approve, RequestChanges, Comment };
}

/// <summary>
/// The data of the review queue's actions, read back with the cards' JSON settings. Teams merges a card's inputs
/// (<c>note</c>, <c>wantedBy</c>, <c>comment</c>, <c>editedDraft</c>) into it; Slack's modal submission is read into
/// the same fields. Only the confirmation carries text the author wrote; the reviewers' buttons carry ids.
/// </summary>
public sealed record ReviewActionPayload(
    string Action,
    long? Id = null,
    string? Draft = null,
    string? Account = null,
    string? Platform = null,
    long? ResubmitOf = null,
    string? Channel = null,
    string? Decision = null,
    string? Note = null,
    string? WantedBy = null,
    string? Comment = null,
    string? EditedDraft = null)
{
    /// <summary>Whether <see cref="Action"/> is one of <see cref="ReviewActions.All"/>.</summary>
    [JsonIgnore]
    public bool IsKnown => ReviewActions.All.Contains(Action);

    /// <summary>The action data as a JSON object (an Adaptive Card action's <c>data</c>).</summary>
    public JsonNode ToNode() => System.Text.Json.JsonSerializer.SerializeToNode(this, CardJson.Payload)!;

    /// <summary>The action data as compact JSON (a Slack button's value, a modal's private_metadata).</summary>
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, CardJson.Payload);

    /// <summary>Reads review action data; false when it is not one.</summary>
    public static bool TryRead(JsonNode? data, out ReviewActionPayload payload) =>
        ActionData.TryRead(data, out payload) && payload.IsKnown;

    /// <summary>The account and platform carried, as a draft context.</summary>
    public DraftContext Context()
    {
        var account = WireNames.TryParseAccount(Account, out var a) ? a : AccountKind.Unknown;
        var platform = WireNames.TryParsePlatform(Platform, out var p) ? p : Guidelines.Platform.Unknown;
        return new DraftContext(account, platform);
    }
}

/// <summary>Where a review request stands.</summary>
public enum ReviewState
{
    /// <summary>Waiting for a reviewer.</summary>
    Open,

    /// <summary>A reviewer has taken it.</summary>
    Taken,

    /// <summary>Approved.</summary>
    Approved,

    /// <summary>Changes requested.</summary>
    ChangesRequested,
}

/// <summary>What the comms team's card shows of a request. Text fields are as written (the renderer escapes them);
/// people are channel user ids with, for Teams, a display name.</summary>
public sealed record ReviewRequestView(
    long Id,
    string AuthorId,
    string? AuthorName,
    string Account,
    string Platform,
    string? Note,
    string? WantedBy,
    long? ResubmitOf,
    string Draft,
    Review? Review,
    ReviewState State,
    string? ReviewerId,
    string? ReviewerName,
    string? Comment,
    string? EditedDraft,
    string? Reminder = null);

/// <summary>One line of the <c>reviews</c> list.</summary>
public sealed record ReviewListItem(long Id, TimeSpan Age, string AuthorId, string? AuthorName, string? ReviewerId, string? ReviewerName);

/// <summary>
/// The review queue's cards of one channel, from <c>cards/*/review-*.json</c>: <see cref="ForTeams"/> (Adaptive
/// Cards 1.5, with <c>Input.Text</c> for comments) or <see cref="ForSlack"/> (Block Kit; the confirmation and the
/// comment forms are modals). Thread-safe.
/// </summary>
public abstract class ReviewQueueCards
{
    private readonly CardTemplates templates;

    private protected ReviewQueueCards(CardTemplates t)
    {
        ArgumentNullException.ThrowIfNull(t);
        templates = t;
    }

    /// <summary>The Adaptive Cards, for Teams and the other Bot Framework channels.</summary>
    public static ReviewQueueCards ForTeams(CardTemplates templates) => Checked(new AdaptiveReviewCards(templates));

    /// <summary>The Block Kit messages and modals, for Slack.</summary>
    public static ReviewQueueCards ForSlack(CardTemplates templates) => Checked(new BlockKitReviewCards(templates));

    /// <summary>Asks the author to confirm that the draft will be shared with the comms team, with an optional note
    /// and wanted-by date. <paramref name="submit"/> is what the confirmation sends back.</summary>
    public JsonObject RenderConfirm(string channelName, long? resubmitOf, ReviewActionPayload submit)
    {
        ArgumentNullException.ThrowIfNull(submit);
        var intro = $"The draft, CommsBot's findings, your account and platform, and your note will be shared with the communications team in {channelName}. They can approve it or suggest changes; the answer comes to you here. The text is kept encrypted and deleted after the retention period.";
        var resubmit = resubmitOf is { } id ? $"This will be linked to your earlier request #{id} as its re-submission." : "";
        return Finish(templates.Bind(ConfirmTemplate, new ConfirmModel(Text(intro), resubmit, Carry(submit))));
    }

    /// <summary>The request's card in the review channel, for its current state.</summary>
    public JsonObject RenderRequest(ReviewRequestView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var findings = (view.Review?.Findings ?? [])
            .Where(f => f.Severity is Severity.Blocker or Severity.Warning or Severity.Suggestion)
            .Take(10)
            .Select(f => new FindingModel(Text(f.Rule.Title), CardText.SeverityLabel(f.Severity), f.RuleId, Text(f.Fix.Title)))
            .ToList();
        var verdict = view.Review is { } review ? $"{CardText.VerdictLabel(review.Verdict)}: {findings.Count} {(findings.Count == 1 ? "finding" : "findings")}" : "";
        var reviewer = view.ReviewerId is null ? "" : Person(view.ReviewerId, view.ReviewerName);
        var status = view.State switch
        {
            ReviewState.Open => "Open: nobody has taken it yet.",
            ReviewState.Taken => $"Taken by {reviewer}.",
            ReviewState.Approved => $"✅ Approved by {reviewer}.",
            _ => $"✏️ Changes requested by {reviewer}.",
        };
        var details = $"From {Person(view.AuthorId, view.AuthorName)} · {AccountLabel(view.Account)} · {PlatformLabel(view.Platform)}"
            + (view.WantedBy is { Length: > 0 } by ? $" · wanted by {by}" : "")
            + (view.ResubmitOf is { } earlier ? $" · re-submission of #{earlier}" : "");
        var undecided = view.State is ReviewState.Open or ReviewState.Taken;
        var model = new RequestModel(
            $"Review request #{view.Id}",
            details,
            view.Reminder ?? "",
            verdict,
            Text(view.Note ?? ""),
            Text(view.Draft),
            findings.Count > 0,
            findings,
            status,
            Text(view.Comment ?? ""),
            Text(view.EditedDraft ?? ""),
            view.State == ReviewState.Open,
            undecided,
            Carry(new ReviewActionPayload(ReviewActions.Take, view.Id)),
            Carry(DecisionPayload(view.Id, ReviewActions.Approve)),
            Carry(DecisionPayload(view.Id, ReviewActions.RequestChanges)));
        return Finish(templates.Bind(RequestTemplate, model));
    }

    /// <summary>The reviewer's form for a decision: a comment (required for changes) and, for changes, the draft to edit.</summary>
    public JsonObject RenderCommentForm(long id, string decision, string draft, ReviewActionPayload submit)
    {
        ArgumentNullException.ThrowIfNull(submit);
        var changes = decision == ReviewActions.RequestChanges;
        var model = new CommentModel(
            changes ? "Request changes" : "Approve",
            Text(changes
                ? $"Say what should change in request #{id}. You may also edit the draft: the edit is checked by CommsBot before it goes to the author."
                : $"Approve request #{id}. A comment is optional."),
            changes,
            draft,
            Carry(submit));
        return Finish(templates.Bind(CommentTemplate, model));
    }

    /// <summary>The decision, in the author's chat: who decided, their comment and edited draft.</summary>
    public JsonObject RenderDecision(ReviewRequestView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var approved = view.State == ReviewState.Approved;
        var reviewer = Person(view.ReviewerId ?? "", view.ReviewerName);
        var model = new DecisionModel(
            approved ? $"✅ Approved by {reviewer}" : $"✏️ Changes requested by {reviewer}",
            $"Your review request #{view.Id} ({AccountLabel(view.Account)}, {PlatformLabel(view.Platform)}).",
            approved,
            Text(view.Comment ?? ""),
            Text(view.EditedDraft ?? ""),
            approved ? "" : $"Send me the revised draft and press Ask comms to review: it will be linked to request #{view.Id}.");
        return Finish(templates.Bind(DecisionTemplate, model));
    }

    /// <summary>The open requests of a review channel (the <c>reviews</c> command): age, author, assignee.</summary>
    public JsonObject RenderList(IReadOnlyList<ReviewListItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var models = items.Select(i => new ListItemModel(
                i.Id,
                i.Age.TotalHours < 1 ? $"{Math.Max(1, (int)i.Age.TotalMinutes)} min" : i.Age.TotalHours < 48 ? $"{(int)i.Age.TotalHours} h" : $"{(int)i.Age.TotalDays} days",
                Person(i.AuthorId, i.AuthorName),
                i.ReviewerId is null ? "not taken" : "taken by " + Person(i.ReviewerId, i.ReviewerName)))
            .ToList();
        var title = items.Count == 1 ? "1 open review request" : $"{items.Count} open review requests";
        return Finish(templates.Bind(ListTemplate, new ListModel(title, models.Count > 0, models)));
    }

    private static ReviewActionPayload DecisionPayload(long id, string decision) => new(ReviewActions.Comment, id, Decision: decision);

    private static string PlatformLabel(string platform) => platform == "unknown" ? "platform not given" : platform;

    private static string AccountLabel(string account) => account is "professional" or "personal" ? account + " account" : "account not given";

    private protected abstract string ConfirmTemplate { get; }

    private protected abstract string RequestTemplate { get; }

    private protected abstract string CommentTemplate { get; }

    private protected abstract string DecisionTemplate { get; }

    private protected abstract string ListTemplate { get; }

    /// <summary>Text as the channel shows it as written.</summary>
    private protected abstract string Text(string text);

    /// <summary>A person: a Slack mention, or the Teams display name.</summary>
    private protected abstract string Person(string id, string? name);

    /// <summary>Action data as the channel carries it (an object on Teams, a string on Slack).</summary>
    private protected abstract JsonNode Carry(ReviewActionPayload payload);

    private protected virtual JsonObject Finish(JsonObject card) => card;

    // Renders each template with sample data, so a broken template fails at start-up.
    private static ReviewQueueCards Checked(ReviewQueueCards renderer)
    {
        var (review, _) = SampleReviews.All().First();
        var view = new ReviewRequestView(1, "U1", "Sample", "personal", "x", "Note", "2026-01-01", 1, "Sample draft", review, ReviewState.Open, null, null, null, null, "Reminder");
        renderer.RenderConfirm("the review channel", 1, new ReviewActionPayload(ReviewActions.Submit, Draft: "Sample"));
        renderer.RenderRequest(view);
        renderer.RenderRequest(view with { State = ReviewState.ChangesRequested, ReviewerId = "U2", Comment = "Comment", EditedDraft = "Edit" });
        renderer.RenderCommentForm(1, ReviewActions.RequestChanges, "Sample", new ReviewActionPayload(ReviewActions.RequestChanges, 1));
        renderer.RenderCommentForm(1, ReviewActions.Approve, "Sample", new ReviewActionPayload(ReviewActions.Approve, 1));
        renderer.RenderDecision(view with { State = ReviewState.Approved, ReviewerId = "U2" });
        renderer.RenderList([new ReviewListItem(1, TimeSpan.FromHours(3), "U1", "Sample", "U2", null)]);
        renderer.RenderList([]);
        return renderer;
    }

    private sealed record ListModel(string Title, bool HasItems, IReadOnlyList<ListItemModel> Items);

    private sealed record ListItemModel(long Id, string Age, string Author, string Assignee);

    private sealed record ConfirmModel(string Intro, string ResubmitNote, JsonNode Submit);

    private sealed record FindingModel(string Title, string SeverityLabel, string RuleId, string Fix);

    private sealed record RequestModel(
        string Title,
        string Details,
        string Reminder,
        string Verdict,
        string Note,
        string Draft,
        bool HasFindings,
        IReadOnlyList<FindingModel> Findings,
        string Status,
        string Comment,
        string EditedDraft,
        bool CanTake,
        bool Undecided,
        JsonNode Take,
        JsonNode Approve,
        JsonNode RequestChanges);

    private sealed record CommentModel(string Title, string Intro, bool Changes, string Draft, JsonNode Submit);

    private sealed record DecisionModel(string Title, string Request, bool Approved, string Comment, string EditedDraft, string Resubmit);

    private sealed class AdaptiveReviewCards(CardTemplates t) : ReviewQueueCards(t)
    {
        private protected override string ConfirmTemplate => CardTemplates.TeamsReviewConfirm;

        private protected override string RequestTemplate => CardTemplates.TeamsReviewRequest;

        private protected override string CommentTemplate => CardTemplates.TeamsReviewComment;

        private protected override string DecisionTemplate => CardTemplates.TeamsReviewDecision;

        private protected override string ListTemplate => CardTemplates.TeamsReviewList;

        private protected override string Text(string text) => text;

        private protected override string Person(string id, string? name) => string.IsNullOrWhiteSpace(name) ? "a colleague" : name;

        // Teams' buttons on the channel card submit the decision with the card's inputs; no separate form.
        private protected override JsonNode Carry(ReviewActionPayload payload) =>
            (payload.Action == ReviewActions.Comment ? payload with { Action = payload.Decision!, Decision = null } : payload).ToNode();
    }

    private sealed class BlockKitReviewCards(CardTemplates t) : ReviewQueueCards(t)
    {
        private protected override string ConfirmTemplate => CardTemplates.SlackReviewConfirm;

        private protected override string RequestTemplate => CardTemplates.SlackReviewRequest;

        private protected override string CommentTemplate => CardTemplates.SlackReviewComment;

        private protected override string DecisionTemplate => CardTemplates.SlackReviewDecision;

        private protected override string ListTemplate => CardTemplates.SlackReviewList;

        private protected override string Text(string text) => SlackText.Escape(text);

        private protected override string Person(string id, string? name) => $"<@{id}>";

        private protected override JsonNode Carry(ReviewActionPayload payload) => JsonValue.Create(payload.ToJson());

        private protected override JsonObject Finish(JsonObject card)
        {
            SlackLimits.CapBlocks(card);
            SlackLimits.Enforce(card);
            return card;
        }
    }
}
