using CommsBot.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace CommsBot.Bot.Reviews;

/// <summary>The review channels and requests in the bot's database (SQLite or PostgreSQL). State changes are
/// conditional updates (<c>WHERE Status = …</c>), so two reviewers pressing at once, or two instances reminding,
/// change a request once.</summary>
public sealed class ReviewStore(IDbContextFactory<CommsBotDbContext> contexts, TimeProvider time)
{
    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Registers (or moves) the scope's review channel.</summary>
    public async Task SetChannelAsync(string scope, string channelId, string conversationId, string registeredBy, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<ReviewChannelRecord>().FindAsync([scope], cancellationToken);
        if (row is null)
        {
            row = new ReviewChannelRecord { Scope = scope, ChannelId = channelId, ConversationId = conversationId, RegisteredBy = registeredBy };
            db.Set<ReviewChannelRecord>().Add(row);
        }

        row.ChannelId = channelId;
        row.ConversationId = conversationId;
        row.RegisteredBy = registeredBy;
        row.RegisteredAtMs = Now;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<ReviewChannelRecord?> GetChannelAsync(string scope, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<ReviewChannelRecord>().AsNoTracking().FirstOrDefaultAsync(c => c.Scope == scope, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ChannelScopesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<ReviewChannelRecord>().AsNoTracking().Select(c => c.Scope).ToListAsync(cancellationToken);
    }

    public async Task<long> AddRequestAsync(ReviewRequestRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        record.CreatedAtMs = Now;
        db.Set<ReviewRequestRecord>().Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return record.Id;
    }

    public async Task<ReviewRequestRecord?> GetRequestAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<ReviewRequestRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
    }

    public async Task<IReadOnlyList<ReviewRequestRecord>> AllRequestsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<ReviewRequestRecord>().AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The scope's requests not yet decided, oldest first.</summary>
    public async Task<IReadOnlyList<ReviewRequestRecord>> OpenRequestsAsync(string scope, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<ReviewRequestRecord>().AsNoTracking()
            .Where(r => r.Scope == scope && (r.Status == ReviewRequestRecord.Open || r.Status == ReviewRequestRecord.Taken))
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The author's latest request in the scope on which changes were requested and which no later request
    /// re-submits: what a new request of theirs re-submits.</summary>
    public async Task<long?> AwaitingResubmissionAsync(string scope, string authorId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var requests = db.Set<ReviewRequestRecord>().AsNoTracking();
        return await requests
            .Where(r => r.Scope == scope && r.AuthorId == authorId && r.Status == ReviewRequestRecord.ChangesRequested && r.PurgedAtMs == null
                && !requests.Any(later => later.ResubmitOf == r.Id))
            .OrderByDescending(r => r.Id)
            .Select(r => (long?)r.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Removes a request that never reached the review channel (nothing of it is kept).</summary>
    public async Task DeleteRequestAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Set<ReviewRequestRecord>().Where(r => r.Id == id).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task SetChannelMessageAsync(long id, string? messageId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Set<ReviewRequestRecord>().Where(r => r.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ChannelMessageId, messageId), cancellationToken);
    }

    /// <summary>Assigns the reviewer to an open request (or keeps the one who already took it). False when another
    /// reviewer has it or it is decided.</summary>
    public async Task<bool> TakeAsync(long id, string reviewerId, string? reviewerName, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var taken = await db.Set<ReviewRequestRecord>()
            .Where(r => r.Id == id && (r.Status == ReviewRequestRecord.Open || (r.Status == ReviewRequestRecord.Taken && r.ReviewerId == reviewerId)))
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Status, ReviewRequestRecord.Taken)
                    .SetProperty(r => r.ReviewerId, reviewerId)
                    .SetProperty(r => r.ReviewerName, reviewerName)
                    .SetProperty(r => r.TakenAtMs, r => r.TakenAtMs ?? now),
                cancellationToken);
        return taken > 0;
    }

    /// <summary>Records the decision on a request not yet decided (by anyone in the channel: taking it first is a
    /// courtesy, not a lock). False when it was already decided.</summary>
    public async Task<bool> DecideAsync(long id, string status, string reviewerId, string? reviewerName, string? commentCipher, string? editedDraftCipher, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var decided = await db.Set<ReviewRequestRecord>()
            .Where(r => r.Id == id && (r.Status == ReviewRequestRecord.Open || r.Status == ReviewRequestRecord.Taken))
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Status, status)
                    .SetProperty(r => r.ReviewerId, reviewerId)
                    .SetProperty(r => r.ReviewerName, reviewerName)
                    .SetProperty(r => r.CommentCipher, commentCipher)
                    .SetProperty(r => r.EditedDraftCipher, editedDraftCipher)
                    .SetProperty(r => r.TakenAtMs, r => r.TakenAtMs ?? now)
                    .SetProperty(r => r.DecidedAtMs, now),
                cancellationToken);
        return decided > 0;
    }

    /// <summary>Requests still undecided that were made at or before <paramref name="cutoff"/> and never reminded.</summary>
    public async Task<IReadOnlyList<ReviewRequestRecord>> DueRemindersAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var cutoffMs = cutoff.ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<ReviewRequestRecord>().AsNoTracking()
            .Where(r => (r.Status == ReviewRequestRecord.Open || r.Status == ReviewRequestRecord.Taken) && r.RemindedAtMs == null && r.CreatedAtMs <= cutoffMs)
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Claims the one reminder of a request: false when another pass (or instance) already sent it.</summary>
    public async Task<bool> ClaimReminderAsync(long id, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<ReviewRequestRecord>().Where(r => r.Id == id && r.RemindedAtMs == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.RemindedAtMs, now), cancellationToken) > 0;
    }

    /// <summary>
    /// Deletes the text of every request decided (or, never decided, made) at or before <paramref name="cutoff"/>:
    /// draft, note, comment, edited draft and the display names. The row stays as the audit record. On SQLite the
    /// freed bytes are overwritten (<c>secure_delete</c>) and the WAL is checkpointed and truncated, so the ciphertext
    /// is gone from the files too.
    /// </summary>
    public async Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var cutoffMs = cutoff.ToUnixTimeMilliseconds();
        var now = Now;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sqlite = db.Database.IsSqlite();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (sqlite)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete=ON;", cancellationToken);
            }

            var purged = await db.Set<ReviewRequestRecord>()
                .Where(r => r.PurgedAtMs == null && ((r.DecidedAtMs != null && r.DecidedAtMs <= cutoffMs) || (r.DecidedAtMs == null && r.CreatedAtMs <= cutoffMs)))
                .ExecuteUpdateAsync(
                    s => s.SetProperty(r => r.DraftCipher, (string?)null)
                        .SetProperty(r => r.NoteCipher, (string?)null)
                        .SetProperty(r => r.CommentCipher, (string?)null)
                        .SetProperty(r => r.EditedDraftCipher, (string?)null)
                        .SetProperty(r => r.AuthorName, (string?)null)
                        .SetProperty(r => r.ReviewerName, (string?)null)
                        .SetProperty(r => r.PurgedAtMs, now),
                    cancellationToken);
            if (sqlite && purged > 0)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
            }

            return purged;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
