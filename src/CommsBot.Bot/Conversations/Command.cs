using CommsBot.Guidelines;

namespace CommsBot.Bot.Conversations;

/// <summary>What a message asks for.</summary>
public abstract record Command
{
    private Command()
    {
    }

    /// <summary>Show the help card.</summary>
    public sealed record Help : Command;

    /// <summary>A word that looks like a command but is not one: answered with help.</summary>
    public sealed record Unknown : Command;

    /// <summary>Show (when <see cref="Account"/> is null) or set the default target account.</summary>
    public sealed record SetAccount(AccountKind? Account) : Command;

    /// <summary>Check a draft. Null overrides fall back to the user's default account and an unknown platform.</summary>
    public sealed record Check(string Draft, AccountKind? Account, Platform? Platform) : Command;

    /// <summary>The usage report for the comms team (counts only) over the last <see cref="Window"/>.</summary>
    public sealed record Report(TimeSpan Window) : Command;

    /// <summary>A command with a bad argument: the text says what was wrong and what is accepted (no user text).</summary>
    public sealed record Invalid(string Problem) : Command;
}
