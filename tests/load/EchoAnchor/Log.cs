namespace CommsBot.Bot;

/// <summary>The one log line of the bot's that the linked SharedContractsBotFrameworkAuthentication writes.</summary>
internal static partial class Log
{
    [LoggerMessage(9, LogLevel.Warning, "Request rejected with 401: {Reason}")]
    public static partial void Unauthorized(ILogger logger, string reason);
}
