using System.ComponentModel.DataAnnotations;

namespace CommsBot.Bot.Hosting;

/// <summary>The HTTP endpoint's limits (section <c>Bot</c>).</summary>
public sealed class BotEndpointOptions
{
    public const string Section = "Bot";

    /// <summary>The largest request body accepted on /api/messages, in bytes. Teams caps a message at about 40 KB;
    /// a draft of the longest accepted length, JSON-escaped, plus the activity envelope fits well within the default.</summary>
    [Range(4 * 1024, 4 * 1024 * 1024)]
    public int MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Lets the bot run in local mode (no <c>MicrosoftAppId</c>: requests are not authenticated) outside the
    /// Development environment. Off by default: a deployment that forgot its app id refuses to start instead of
    /// answering anyone. Even when on, local mode replies only to a <c>serviceUrl</c> on this machine, and every start
    /// logs a warning.</summary>
    public bool AllowLocalMode { get; set; }

    /// <summary>The longest a request's Bot Framework token may take to validate, metadata fetch included; past it the
    /// request gets 401. Microsoft's channels wait 15 s for the whole turn.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan AuthenticationTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>The longest one fetch of the token-validation metadata (OpenID configuration, signing keys) may take.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan OpenIdMetadataTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How many times a connector call that got 429, 408 or 5xx, or no answer, is retried (0: never; the nudge
    /// outbox still retries nudges later).</summary>
    [Range(0, 10)]
    public int ConnectorRetries { get; set; } = 3;

    /// <summary>The longest one call to the Bot Framework connector (a reply, a nudge) may take before it is retried.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ConnectorAttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest a connector call may take with its retries (429 and 5xx, honouring Retry-After). Below the
    /// 15 s Microsoft's channels wait for a turn, so a hung connector cannot hold the inbound request past it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "00:05:00")]
    public TimeSpan ConnectorTotalTimeout { get; set; } = TimeSpan.FromSeconds(12);
}
