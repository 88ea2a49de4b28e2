using System.Text.Json.Nodes;

namespace CommsBot.Bot.Slack;

/// <summary>Where a Slack turn's replies go. The adapter hands each reply, as a Slack message, to the turn's target.</summary>
public abstract record SlackReplyTarget
{
    /// <summary>Delivers one message; returns its ts when Slack gives one. Throws <see cref="SlackDeliveryException"/> when Slack refuses it.</summary>
    internal abstract Task<string?> DeliverAsync(SlackApiClient api, JsonObject message, CancellationToken cancellationToken);

    protected static string? Check(SlackApiResult result, string method) =>
        result.Ok ? result.Ts : throw new SlackDeliveryException(method, result.Error ?? "unknown_error");
}

/// <summary>A message in a channel or DM (chat.postMessage), in a thread when <paramref name="ThreadTs"/> is set.</summary>
public sealed record SlackChannelReply(string Channel, string? ThreadTs) : SlackReplyTarget
{
    internal override async Task<string?> DeliverAsync(SlackApiClient api, JsonObject message, CancellationToken cancellationToken) =>
        Check(await api.PostMessageAsync(Channel, ThreadTs, message, cancellationToken), SlackApiClient.PostMessage);
}

/// <summary>
/// A message only <paramref name="User"/> sees (chat.postEphemeral). When Slack refuses it (the bot is not in that
/// channel, or it is someone else's DM) and the interaction gave a response_url, the message goes there instead.
/// </summary>
public sealed record SlackEphemeralReply(string Channel, string User, string? ThreadTs, Uri? ResponseUrl) : SlackReplyTarget
{
    internal override async Task<string?> DeliverAsync(SlackApiClient api, JsonObject message, CancellationToken cancellationToken)
    {
        var result = await api.PostEphemeralAsync(Channel, User, ThreadTs, message, cancellationToken);
        if (!result.Ok && ResponseUrl is not null)
        {
            return Check(await api.PostToResponseUrlAsync(ResponseUrl, message, cancellationToken), SlackApiClient.ResponseUrl);
        }

        return Check(result, SlackApiClient.PostEphemeral);
    }
}

/// <summary>A new ephemeral message through an interaction's response_url.</summary>
public sealed record SlackResponseUrlReply(Uri ResponseUrl) : SlackReplyTarget
{
    internal override async Task<string?> DeliverAsync(SlackApiClient api, JsonObject message, CancellationToken cancellationToken) =>
        Check(await api.PostToResponseUrlAsync(ResponseUrl, message, cancellationToken), SlackApiClient.ResponseUrl);
}

/// <summary>
/// A slash command: replies are held while the command's HTTP request waits, and the first becomes its response
/// body (an ephemeral message). Replies after that, or all of them once the request has been acknowledged without
/// one, go to the response_url.
/// </summary>
public sealed record SlackCommandReply(Uri? ResponseUrl) : SlackReplyTarget
{
    private readonly List<JsonObject> held = [];
    private readonly Lock gate = new();
    private bool released;

    /// <summary>Ends the wait: returns the replies held so far; later replies go to the response_url.</summary>
    internal IReadOnlyList<JsonObject> Release()
    {
        lock (gate)
        {
            released = true;
            var replies = held.ToList();
            held.Clear();
            return replies;
        }
    }

    internal override async Task<string?> DeliverAsync(SlackApiClient api, JsonObject message, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!released)
            {
                held.Add(message);
                return null;
            }
        }

        return await SendLateAsync(api, message, cancellationToken);
    }

    internal async Task<string?> SendLateAsync(SlackApiClient api, JsonObject message, CancellationToken cancellationToken)
    {
        if (ResponseUrl is null)
        {
            throw new SlackDeliveryException(SlackApiClient.ResponseUrl, "no_response_url");
        }

        return Check(await api.PostToResponseUrlAsync(ResponseUrl, message, cancellationToken), SlackApiClient.ResponseUrl);
    }
}

/// <summary>Slack refused a reply. The message holds the method and Slack's error code only.</summary>
public sealed class SlackDeliveryException : Exception
{
    public SlackDeliveryException(string method, string error)
        : base($"{method} failed: {error}")
    {
        Method = method;
        Error = error;
    }

    public SlackDeliveryException()
        : this("unknown", "unknown_error")
    {
    }

    public SlackDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
        Method = "unknown";
        Error = "unknown_error";
    }

    public string Method { get; } = "unknown";

    public string Error { get; } = "unknown_error";
}
