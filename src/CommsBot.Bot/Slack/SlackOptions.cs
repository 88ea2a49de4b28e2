using System.ComponentModel.DataAnnotations;

namespace CommsBot.Bot.Slack;

/// <summary>
/// The Slack app's settings (section <c>Slack</c>). Secrets come from environment variables
/// (<c>Slack__SigningSecret</c>, <c>Slack__BotToken</c>) or user-secrets, never appsettings.json. The Slack endpoints
/// exist only when a signing secret is set: without one every request could be forged.
/// </summary>
public sealed class SlackOptions : IValidatableObject
{
    public const string Section = "Slack";

    /// <summary>The app's signing secret (Basic Information → App Credentials): verifies every request.</summary>
    public string SigningSecret { get; set; } = "";

    /// <summary>The bot user OAuth token (<c>xoxb-…</c>), sent as a Bearer header to the Web API.</summary>
    public string BotToken { get; set; } = "";

    /// <summary>The Web API's base address; tests point it at a loopback fake.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>The largest request body read, in bytes. A block_actions payload carries the whole message with the
    /// draft in its buttons, form-encoded: the default leaves room for the longest draft.</summary>
    [Range(4 * 1024, 4 * 1024 * 1024)]
    public int MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>How long a slash command waits for its result before acknowledging with an empty 200 (the result then
    /// goes to the command's response_url). Slack gives up after 3 seconds.</summary>
    public TimeSpan CommandAckTimeout { get; set; } = TimeSpan.FromMilliseconds(2500);

    public bool Enabled => !string.IsNullOrWhiteSpace(SigningSecret);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!ApiBaseUrl.IsAbsoluteUri || ApiBaseUrl.Scheme is not ("https" or "http"))
        {
            yield return new ValidationResult("Slack:ApiBaseUrl must be an absolute http(s) URL, such as https://slack.com/api/.", [nameof(ApiBaseUrl)]);
        }

        if (CommandAckTimeout <= TimeSpan.Zero || CommandAckTimeout >= TimeSpan.FromSeconds(3))
        {
            yield return new ValidationResult("Slack:CommandAckTimeout must be between 0 and 3 seconds (Slack's limit).", [nameof(CommandAckTimeout)]);
        }

        if (Enabled && string.IsNullOrWhiteSpace(BotToken))
        {
            yield return new ValidationResult("Slack:BotToken is required when Slack:SigningSecret is set (use an environment variable or user-secrets, never appsettings.json).", [nameof(BotToken)]);
        }
    }

    /// <summary>The base address with a trailing slash, so method names resolve under it.</summary>
    internal Uri ApiBase => ApiBaseUrl.AbsoluteUri.EndsWith('/') ? ApiBaseUrl : new Uri(ApiBaseUrl.AbsoluteUri + "/");
}
