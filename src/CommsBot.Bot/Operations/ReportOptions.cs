namespace CommsBot.Bot.Operations;

/// <summary>Who may read the usage report in a chat (section <c>Reports</c>). The report is counts only, but how much
/// the bot is used, and for what, is the communications team's business, not every chat member's.</summary>
public sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>User keys (<c>channel:user id</c>, e.g. <c>msteams:29:1abc…</c> or <c>slack:U0123</c>) who may say
    /// <c>report</c>, besides the admins in <c>Nudges:Admins</c>.</summary>
    public IList<string> Readers { get; } = [];
}
