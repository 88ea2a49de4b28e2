using CommsBot.Bot.Channels;
using CommsBot.Bot.Storage;
using CommsBot.Cards;
using CommsBot.Guidelines;
using Microsoft.Bot.Schema;

namespace CommsBot.Bot.Conversations;

/// <summary>"Not an issue": records the rule and the draft's hash (never the draft) and thanks the user.</summary>
public sealed class FalsePositiveReports(DraftReviewer reviewer, IBotStore store, UsageCounters counters, ChannelCards cards, ILogger<FalsePositiveReports> logger)
{
    public async Task<Attachment> ReportAsync(IActivity activity, CardActionPayload request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var channel = cards.For(activity);
        var rule = request.RuleId is null ? null : reviewer.Pack.Find(request.RuleId);
        if (rule is null || !IsHash(request.Hash))
        {
            return channel.Notice("Report not recorded", "That report did not name a rule and a draft I know.", isError: true);
        }

        await store.AddFalsePositiveReportAsync(rule.Id, request.Hash!, cancellationToken);
        counters.Increment(UsageCounters.FalsePositives);
        counters.Increment(UsageCounters.FalsePositiveCounter(rule.Id));
        Log.FalsePositiveReported(logger, rule.Id);
        return channel.Notice("Thanks for the report", $"I noted that \"{rule.Title}\" ({rule.Id}) was not an issue here. Reports help tune the rules; the draft itself was not saved.");
    }

    private static bool IsHash(string? hash) =>
        hash is { Length: >= 8 and <= 128 } && hash.All(char.IsAsciiHexDigit);
}
