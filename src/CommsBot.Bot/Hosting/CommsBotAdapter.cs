using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

namespace CommsBot.Bot.Hosting;

/// <summary>The CloudAdapter with CommsBot's turn-error policy: a short apology to the user, and a log line with the
/// activity id and the exception type only (an exception message can quote what the user sent).</summary>
public sealed class CommsBotAdapter : CloudAdapter
{
    internal const string Apology = "Sorry, something went wrong while I was checking that. Please try again in a moment.";

    public CommsBotAdapter(BotFrameworkAuthentication authentication, ILogger<CommsBotAdapter> logger)
        : base(authentication, logger)
    {
        OnTurnError = async (turnContext, exception) =>
        {
            Log.TurnFailed(logger, turnContext.Activity?.Id, exception.GetType().FullName ?? exception.GetType().Name);
            try
            {
                await turnContext.SendActivityAsync(Apology).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The connector itself may be what failed; the log line above is what is left.
                Log.TurnFailed(logger, turnContext.Activity?.Id, "apology not sent: " + e.GetType().FullName);
            }
        };
    }
}
