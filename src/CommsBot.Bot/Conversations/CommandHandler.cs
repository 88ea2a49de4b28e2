using CommsBot.Bot.Channels;
using CommsBot.Bot.Nudges;
using CommsBot.Bot.Storage;
using CommsBot.Guidelines;
using CommsBot.Nudges;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Conversations;

/// <summary>
/// What a message asks for, in any channel: a draft to check (with the meeting-policy reminder when it names a
/// configured meeting), <c>account</c>, <c>report</c>, <c>help</c>, and the nudge commands (<c>kudos</c>,
/// <c>conference</c>, <c>nudges</c>).
/// </summary>
public sealed class CommandHandler(
    DraftChecker checker,
    ChannelCards cards,
    IBotStore store,
    ConversationReferences references,
    NudgeCommands nudgeCommands,
    ConferenceReminders reminders,
    Reviews.ReviewWorkflow reviews,
    Operations.UsageReportService reports,
    IOptions<Operations.ReportOptions> reportOptions,
    IOptions<NudgeOptions> nudgeOptions,
    ILogger<CommandHandler> logger)
{
    /// <summary>Answers the text of a message (without the bot's mention).</summary>
    public async Task<BotReply> HandleAsync(ITurnContext turnContext, string? text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (await nudgeCommands.TryHandleAsync(turnContext, text, cancellationToken) is { } nudgeReply)
        {
            return nudgeReply;
        }

        if (await reviews.TryHandleCommandAsync(turnContext, text, cancellationToken) is { } reviewReply)
        {
            return reviewReply;
        }

        var personal = Turn.IsPersonal(turnContext.Activity);
        var command = CommandParser.Parse(text, personal);
        if (command is not Command.Check check)
        {
            return await AnswerAsync(turnContext, command, cancellationToken);
        }

        var account = check.Account ?? await store.DefaultAccountAsync(turnContext, cancellationToken);
        await references.RememberAsync(turnContext, cancellationToken);
        var card = checker.Check(turnContext.Activity, check.Draft, new DraftContext(account, check.Platform ?? Platform.Unknown), personal ? "personal" : "mention").Card;

        // A draft naming a configured meeting's hashtag gets that meeting's photo and embargo policy.
        var reminder = await reminders.ForDraftAsync(turnContext.Activity, check.Draft, cancellationToken);
        return new BotReply(null, card, reminder);
    }

    private async Task<BotReply> AnswerAsync(ITurnContext turnContext, Command command, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var channel = cards.For(activity);
        switch (command)
        {
            case Command.SetAccount { Account: { } chosen }:
                Log.CommandHandled(logger, "account", activity.Id);
                await store.SetDefaultAccountAsync(Turn.UserKey(activity), chosen, cancellationToken);
                return channel.Notice("Default account saved", $"I'll check your drafts for a **{chosen.ToWire()}** account from now on. Override it once with `check --account {(chosen == AccountKind.Personal ? "professional" : "personal")} <draft>`.");

            case Command.SetAccount:
                Log.CommandHandled(logger, "account", activity.Id);
                var current = await store.GetDefaultAccountAsync(Turn.UserKey(activity), cancellationToken);
                return channel.Notice("Your default account", current is { } a
                    ? $"I check your drafts for a **{a.ToWire()}** account. Change it with `account professional` or `account personal`."
                    : "You haven't chosen one yet. Say `account professional` or `account personal`.");

            case Command.Report when !MayReadReports(activity):
                Log.CommandHandled(logger, "report-refused", activity.Id);
                return channel.Notice("The report is for the communications team", "Only the people named in Reports:Readers or Nudges:Admins can see the usage report. Ask your communications team.", isError: true);

            case Command.Report report:
                Log.CommandHandled(logger, "report", activity.Id);
                var usage = await reports.BuildAsync(report.Window, cancellationToken);
                return channel.Notice("CommsBot usage", Reporting.ReportTextWriter.Markdown(usage));

            case Command.Invalid invalid:
                Log.CommandHandled(logger, "invalid", activity.Id);
                return channel.Notice("I didn't get that", invalid.Problem, isError: true);

            case Command.Help:
                Log.CommandHandled(logger, "help", activity.Id);
                return channel.Help();

            default:
                Log.CommandHandled(logger, "unknown", activity.Id);
                return channel.Help();
        }
    }

    private bool MayReadReports(Microsoft.Bot.Schema.Activity activity)
    {
        var user = Turn.UserKey(activity);
        return activity.From?.Id is { Length: > 0 }
            && (reportOptions.Value.Readers.Contains(user, StringComparer.Ordinal) || nudgeOptions.Value.Admins.Contains(user, StringComparer.Ordinal));
    }
}
