using CommsBot.Bot.Storage;
using CommsBot.Reporting;
using Microsoft.EntityFrameworkCore;

namespace CommsBot.Bot.Operations;

/// <summary>The `report` chat command's data: the same report as <c>commsbot report</c>, read through the bot's own
/// database connection after writing the pending counts.</summary>
public sealed class UsageReportService(
    IDbContextFactory<CommsBotDbContext> contexts,
    UsageCounterFlushService flush,
    TimeProvider time)
{
    public async Task<UsageReport> BuildAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        await flush.FlushAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var data = await UsageDataReader.ReadAsync(connection, cancellationToken);
            var now = time.GetUtcNow();
            return UsageReportBuilder.Build(data, now - window, now);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
