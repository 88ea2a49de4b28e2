namespace CommsBot.Bot.Hosting;

/// <summary>The bot cannot start as configured. The message says why and what to set, in one or two sentences, and
/// never quotes a secret: Program prints it and exits non-zero instead of dumping a stack trace.</summary>
public sealed class CommsBotStartupException : Exception
{
    public CommsBotStartupException()
    {
    }

    public CommsBotStartupException(string message)
        : base(message)
    {
    }

    public CommsBotStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
