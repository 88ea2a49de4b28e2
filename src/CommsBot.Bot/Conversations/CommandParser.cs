using CommsBot.Guidelines;

namespace CommsBot.Bot.Conversations;

/// <summary>
/// Turns a message (mention already removed) into a <see cref="Command"/>. The rule:
/// <list type="bullet">
/// <item><c>report</c> alone or with a window (<c>report 7d</c>) is the usage report; any other text after it is not.</item>
/// <item><c>help</c> (or <c>/help</c>, <c>?</c>) alone is help; <c>account</c>, <c>account professional|personal</c>
/// set the default account.</item>
/// <item><c>check [--account A] [--platform P] draft</c> checks the draft with those overrides. In a personal chat a
/// message starting with the word "check" is a draft ("Check out our new clinic…") unless an option or
/// <c>/check</c> follows, so ordinary posts are never mistaken for commands.</item>
/// <item>In a personal chat, any other text of two or more words is a draft. A single word (<c>hi</c>, <c>foo</c>,
/// <c>/anything</c>) is an unknown command and gets help: one word is not a post worth checking.</item>
/// <item>In a channel or group chat (after the @mention) only commands count; anything else gets help.</item>
/// </list>
/// </summary>
public static class CommandParser
{
    private static readonly char[] Whitespace = [' ', '\t', '\r', '\n', '\u00a0'];

    public static Command Parse(string? text, bool personalChat)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
        {
            return new Command.Help();
        }

        var end = trimmed.IndexOfAny(Whitespace);
        var word = end < 0 ? trimmed : trimmed[..end];
        var slash = word.StartsWith('/');
        var name = word.TrimStart('/').ToLowerInvariant();
        if (name is "help" or "?" or "account" or "report" or "check")
        {
            // only a command word needs the rest of the message apart (a draft's would be a copy of nearly all of it)
            var rest = end < 0 ? "" : trimmed[end..].Trim();
            switch (name)
            {
                case "help" or "?" when rest.Length == 0:
                    return new Command.Help();
                case "account" when rest.Length == 0:
                    return new Command.SetAccount(null);
                case "account" when !rest.Contains(' ', StringComparison.Ordinal):
                    return WireNames.TryParseAccount(rest, out var account) && account != AccountKind.Unknown
                        ? new Command.SetAccount(account)
                        : new Command.Invalid("Use `account professional` or `account personal`.");
                case "report" when rest.Length == 0:
                    return new Command.Report(TimeSpan.FromDays(30));
                case "report" when Reporting.UsageReportBuilder.TryParseWindow(rest, out var window):
                    return new Command.Report(window);
                case "check" when slash || !personalChat || rest.StartsWith("--", StringComparison.Ordinal):
                    return ParseCheck(rest);
            }
        }

        if (!personalChat || slash)
        {
            return new Command.Unknown();
        }

        return trimmed.IndexOfAny(Whitespace) < 0 ? new Command.Unknown() : new Command.Check(trimmed, null, null);
    }

    private static Command ParseCheck(string rest)
    {
        AccountKind? account = null;
        Platform? platform = null;
        while (rest.StartsWith("--", StringComparison.Ordinal))
        {
            var (option, afterOption) = SplitFirstWord(rest);
            string value;
            var equals = option.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                value = option[(equals + 1)..];
                option = option[..equals];
                rest = afterOption;
            }
            else
            {
                (value, rest) = SplitFirstWord(afterOption);
            }

            switch (option.ToLowerInvariant())
            {
                case "--account" or "-a":
                    if (!WireNames.TryParseAccount(value, out var a) || value.Length == 0)
                    {
                        return new Command.Invalid($"`--account` takes one of: {string.Join(", ", WireNames.Accounts)}.");
                    }

                    account = a;
                    break;
                case "--platform" or "-p":
                    if (!WireNames.TryParsePlatform(value, out var p) || value.Length == 0)
                    {
                        return new Command.Invalid($"`--platform` takes one of: {string.Join(", ", WireNames.Platforms)}.");
                    }

                    platform = p;
                    break;
                default:
                    return new Command.Invalid("`check` takes `--account` and `--platform`, then the draft.");
            }
        }

        return rest.Length == 0
            ? new Command.Invalid("Put the draft after `check`, e.g. `check --account personal My post…`.")
            : new Command.Check(rest, account, platform);
    }

    private static (string Word, string Remainder) SplitFirstWord(string text)
    {
        var end = text.IndexOfAny(Whitespace);
        return end < 0 ? (text, "") : (text[..end], text[end..].Trim());
    }
}
