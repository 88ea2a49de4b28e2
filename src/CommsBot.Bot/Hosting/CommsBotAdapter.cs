using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

namespace CommsBot.Bot.Hosting;

/// <summary>The CloudAdapter with CommsBot's turn-error policy: a short apology to the user, and a log line with the
/// activity id and the exception type only (an exception message can quote what the user sent).</summary>
public sealed class CommsBotAdapter : CloudAdapter
{
    internal const string Apology = "Sorry, something went wrong while I was checking that. Please try again in a moment.";

    /// <summary>The category the SDK's own adapter logs go to. CloudAdapterBase writes three Information lines per
    /// turn ("ProcessActivityAsync", "SendActivitiesAsync for 1 activities.", "Sending activity..."); under this
    /// category the <c>Microsoft.Bot</c> filter in appsettings.json (Warning) applies to them, as it does to the rest
    /// of the SDK. Under CommsBotAdapter's category they cost a console write each, three times per turn.</summary>
    internal const string SdkLogCategory = "Microsoft.Bot.Builder.CloudAdapter";

    public CommsBotAdapter(BotFrameworkAuthentication authentication, ILogger<CommsBotAdapter> logger, ILoggerFactory loggerFactory)
        : base(authentication, (loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory))).CreateLogger(SdkLogCategory))
    {
        OnTurnError = async (turnContext, exception) =>
        {
            if (ConnectorFailure(exception) is { } reason)
            {
                // The connector itself failed, after its retries: an apology would go the same way, and hold the
                // inbound request as long again.
                Log.ReplyGivenUp(logger, turnContext.Activity?.Id, reason);
                return;
            }

            Log.TurnFailed(logger, turnContext.Activity?.Id, exception.GetType().FullName ?? exception.GetType().Name);
            try
            {
                await turnContext.SendActivityAsync(Apology);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The connector itself may be what failed; the log line above is what is left.
                Log.TurnFailed(logger, turnContext.Activity?.Id, "apology not sent: " + e.GetType().FullName);
            }
        };
    }

    /// <summary>A short reason code when <paramref name="exception"/> is the connector failing (after the client's
    /// retries), else null.</summary>
    internal static string? ConnectorFailure(Exception exception) => exception switch
    {
        Microsoft.Bot.Schema.ErrorResponseException { Response: { } response } => "http_" + ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
        Polly.Timeout.TimeoutRejectedException => "timeout",
        Polly.CircuitBreaker.BrokenCircuitException => "circuit_open",
        HttpRequestException { StatusCode: { } status } => "http_" + ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture),
        HttpRequestException => "network",
        _ => null,
    };
}
