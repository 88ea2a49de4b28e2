using System.Text.Json;
using CommsBot.Bot.Storage;
using CommsBot.Nudges;
using Microsoft.EntityFrameworkCore;

namespace CommsBot.Bot.Nudges;

/// <summary>The registry, calendar, subscriptions and outbox in the bot's database (SQLite or PostgreSQL).</summary>
public sealed class NudgeStore(IDbContextFactory<CommsBotDbContext> contexts, TimeProvider time, OutboxSignal? enqueued = null) : IDisposable
{
    // SQLite has one writer, and Microsoft.Data.Sqlite waits out a locked database by sleeping and trying again: with
    // the dispatcher's parallel sends each marking its row, and the planner enqueueing beside them, writers slept
    // more than they wrote. In one process they take turns here instead. PostgreSQL needs no turns.
    private readonly SemaphoreSlim sqliteWriter = new(1, 1);
    private bool? sqlite;

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    public void Dispose() => sqliteWriter.Dispose();

    /// <summary>Takes the SQLite writer's turn (nothing on PostgreSQL); dispose the result to give it back.</summary>
    private async ValueTask<WriteTurn> WriteTurnAsync(CommsBotDbContext db, CancellationToken cancellationToken)
    {
        if (!(sqlite ??= db.Database.IsSqlite()))
        {
            return default;
        }

        await sqliteWriter.WaitAsync(cancellationToken);
        return new WriteTurn(sqliteWriter);
    }

    private readonly struct WriteTurn(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }

    public async Task<long> AddAccomplishmentAsync(AccomplishmentRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        record.AddedAtMs = Now;
        db.Set<AccomplishmentRecord>().Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return record.Id;
    }

    public async Task<IReadOnlyList<AccomplishmentRecord>> ListAccomplishmentsAsync(string scope, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<AccomplishmentRecord>().AsNoTracking().Where(a => a.Scope == scope).OrderBy(a => a.Id).ToListAsync(cancellationToken);
    }

    public async Task<AccomplishmentRecord?> GetAccomplishmentAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<AccomplishmentRecord>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
    }

    public async Task<IReadOnlyList<AccomplishmentRecord>> GetAccomplishmentsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<AccomplishmentRecord>().AsNoTracking().Where(a => ids.Contains(a.Id)).OrderBy(a => a.Id).ToListAsync(cancellationToken);
    }

    public async Task<bool> RemoveAccomplishmentAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<AccomplishmentRecord>().Where(a => a.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>Records the colleague's answer; only the colleague named on the item can answer.</summary>
    public async Task<bool> SetConsentAsync(long id, string colleagueId, ConsentState state, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = Now;
        return await db.Set<AccomplishmentRecord>()
            .Where(a => a.Id == id && a.ColleagueId == colleagueId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Consent, state.ToWire()).SetProperty(a => a.ConsentAnsweredAtMs, now), cancellationToken)
             > 0;
    }

    /// <summary>How long <see cref="GetCalendarAsync"/> keeps the meetings. A change through this store is seen at
    /// once; one made by another instance sharing the database, within this.</summary>
    internal static readonly TimeSpan CalendarLifetime = TimeSpan.FromMinutes(1);

    private CalendarSnapshot? calendar;
    private long calendarGeneration;

    /// <summary>The configured meetings, as the reminder after every checked draft reads them: cached, rather than a
    /// query per check. <c>conference add</c> and <c>conference remove</c> (and the seed) invalidate it.</summary>
    public async Task<IReadOnlyList<Conference>> GetCalendarAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var generation = Interlocked.Read(ref calendarGeneration);
        if (Volatile.Read(ref calendar) is { } cached && cached.Generation == generation && now - cached.LoadedAt < CalendarLifetime)
        {
            return cached.Conferences;
        }

        // A change committed while this read runs moves the generation on, so the snapshot is not used after it.
        var conferences = (await ListConferencesAsync(cancellationToken)).Select(NudgeMapping.ToModel).ToArray();
        Volatile.Write(ref calendar, new CalendarSnapshot(conferences, generation, now));
        return conferences;
    }

    private void CalendarChanged() => Interlocked.Increment(ref calendarGeneration);

    private sealed record CalendarSnapshot(IReadOnlyList<Conference> Conferences, long Generation, DateTimeOffset LoadedAt);

    public async Task<IReadOnlyList<ConferenceRecord>> ListConferencesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<ConferenceRecord>().AsNoTracking().OrderBy(c => c.Start).ThenBy(c => c.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Adds or replaces a meeting. A seed never replaces a meeting added or edited in chat.</summary>
    public async Task UpsertConferenceAsync(Conference conference, string addedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conference);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<ConferenceRecord>().FindAsync([conference.Id], cancellationToken);
        if (row is not null && addedBy == SeedAuthor)
        {
            return;
        }

        if (row is null)
        {
            row = new ConferenceRecord { Id = conference.Id, Name = "", TimeZoneId = "", Hashtag = "", Photos = "", AddedBy = addedBy };
            db.Set<ConferenceRecord>().Add(row);
        }

        row.Name = conference.Name;
        row.Start = conference.Start;
        row.End = conference.End;
        row.TimeZoneId = conference.TimeZoneId;
        row.Hashtag = conference.Hashtag;
        row.Photos = conference.Photos.ToWire();
        row.Embargo = conference.Embargo;
        row.Link = conference.Link?.AbsoluteUri;
        row.AddedBy = addedBy;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (addedBy == SeedAuthor)
        {
            // Another instance seeded it first.
        }
        finally
        {
            CalendarChanged();
        }
    }

    public const string SeedAuthor = "seed";

    public async Task<bool> RemoveConferenceAsync(string idOrHashtag, CancellationToken cancellationToken)
    {
        var key = idOrHashtag.Trim().ToLowerInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<ConferenceRecord>().ToListAsync(cancellationToken);
        var match = rows.Where(c => c.Id == key || string.Equals(c.Hashtag, idOrHashtag.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        db.Set<ConferenceRecord>().RemoveRange(match);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            CalendarChanged();
        }

        return match.Count > 0;
    }

    public async Task<NudgeSubscription?> GetSubscriptionAsync(string conversationKey, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<NudgeSubscription>().AsNoTracking().FirstOrDefaultAsync(s => s.ConversationKey == conversationKey, cancellationToken);
    }

    /// <summary>Turns nudges on or off, or pauses them (<paramref name="pausedUntil"/>). A new subscription's first
    /// nudge offers every consented accomplishment of its scope not yet offered to it.</summary>
    public async Task SetSubscriptionAsync(string conversationKey, string scope, bool enabled, DateTimeOffset? pausedUntil, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<NudgeSubscription>().FindAsync([conversationKey], cancellationToken);
        if (row is null)
        {
            row = new NudgeSubscription { ConversationKey = conversationKey, Scope = scope };
            db.Set<NudgeSubscription>().Add(row);
        }

        row.Enabled = enabled;
        row.PausedUntilMs = pausedUntil?.ToUnixTimeMilliseconds();
        row.UpdatedAtMs = Now;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<NudgeSubscription>> ActiveSubscriptionsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<NudgeSubscription>().AsNoTracking().Where(s => s.Enabled).OrderBy(s => s.ConversationKey).ToListAsync(cancellationToken);
    }

    /// <summary>When this conversation's nudges went out or are due (pending or delivered), since <paramref name="sinceMs"/>.</summary>
    public async Task<IReadOnlyList<DateTimeOffset>> PlannedNudgesAsync(string conversationKey, long sinceMs, CancellationToken cancellationToken)
    {
        var consent = NudgeKind.ConsentRequest.ToWire();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var times = await db.Set<NudgeOutboxRow>().AsNoTracking()
            .Where(r => r.ConversationKey == conversationKey && r.Kind != consent && r.NotBeforeMs >= sinceMs
                && (r.Status == NudgeOutboxRow.Pending || r.Status == NudgeOutboxRow.Delivered))
            .Select(r => r.DeliveredAtMs ?? r.NotBeforeMs)
            .ToListAsync(cancellationToken);
        return times.Select(DateTimeOffset.FromUnixTimeMilliseconds).ToList();
    }

    /// <summary>The consented accomplishments of a scope newer than <paramref name="afterId"/>.</summary>
    public async Task<IReadOnlyList<AccomplishmentRecord>> NewConsentedAsync(string scope, long afterId, CancellationToken cancellationToken)
    {
        var granted = ConsentState.Granted.ToWire();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<AccomplishmentRecord>().AsNoTracking()
            .Where(a => a.Scope == scope && a.Id > afterId && a.Consent == granted)
            .OrderBy(a => a.Id).Take(10)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Puts a nudge in the outbox unless its (kind, conversation, period) is already there, and in the same
    /// transaction moves the subscription's accomplishment watermark. Returns false when the row existed: another
    /// instance, or an earlier run, enqueued it. The unique index decides, so this holds across instances.
    /// </summary>
    public async Task<bool> TryEnqueueAsync(NudgeKind kind, string conversationKey, string period, object payload, DateTimeOffset notBefore, long? watermark, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(payload);
        var kindWire = kind.ToWire();
        var notBeforeMs = notBefore.ToUnixTimeMilliseconds();
        var now = Now;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        using var turn = await WriteTurnAsync(db, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO "NudgeOutbox" ("Kind", "ConversationKey", "Period", "PayloadJson", "Status", "Attempts", "NotBeforeMs", "CreatedAtMs")
            VALUES ({kindWire}, {conversationKey}, {period}, {json}, {NudgeOutboxRow.Pending}, 0, {notBeforeMs}, {now})
            ON CONFLICT ("Kind", "ConversationKey", "Period") DO NOTHING
            """,
            cancellationToken);
        if (inserted == 1 && watermark is { } mark)
        {
            await db.Set<NudgeSubscription>()
                .Where(s => s.ConversationKey == conversationKey && s.LastAccomplishmentId < mark)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastAccomplishmentId, mark), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (inserted == 1)
        {
            enqueued?.Raise();
        }

        return inserted == 1;
    }

    /// <summary>
    /// Claims due rows for <paramref name="instanceId"/> until the lease ends. On PostgreSQL the candidate rows are
    /// locked with <c>FOR UPDATE SKIP LOCKED</c>, so concurrent instances claim disjoint rows; SQLite has one writer.
    /// </summary>
    public async Task<IReadOnlyList<NudgeOutboxRow>> ClaimAsync(string instanceId, TimeSpan lease, int batch, CancellationToken cancellationToken)
    {
        var now = Now;
        var until = now + (long)lease.TotalMilliseconds;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        using var turn = await WriteTurnAsync(db, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var lockClause = db.Database.IsNpgsql() ? "FOR UPDATE SKIP LOCKED" : "";
#pragma warning disable EF1002 // the only interpolated part is the lock clause above, a constant
        var ids = await db.Database.SqlQueryRaw<long>(
            $$"""
            SELECT "Id" AS "Value" FROM "NudgeOutbox"
            WHERE "Status" = 'pending' AND "NotBeforeMs" <= {0} AND ("ClaimedUntilMs" IS NULL OR "ClaimedUntilMs" < {0})
            ORDER BY "Id" LIMIT {1} {{lockClause}}
            """,
            now, batch).ToListAsync(cancellationToken);
#pragma warning restore EF1002
        if (ids.Count == 0)
        {
            return [];
        }

        await db.Set<NudgeOutboxRow>().Where(r => ids.Contains(r.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClaimedBy, instanceId).SetProperty(r => r.ClaimedUntilMs, until), cancellationToken);
        var rows = await db.Set<NudgeOutboxRow>().AsNoTracking().Where(r => ids.Contains(r.Id)).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rows;
    }

    /// <summary>Marks a claimed row delivered (only while this instance still holds it).</summary>
    public Task<int> MarkDeliveredAsync(long id, string instanceId, CancellationToken cancellationToken) =>
        UpdateClaimedAsync(id, instanceId, NudgeOutboxRow.Delivered, null, null, cancellationToken);

    /// <summary>Gives the row back for a later attempt, with the reason code.</summary>
    public Task<int> MarkRetryAsync(long id, string instanceId, DateTimeOffset next, string reason, CancellationToken cancellationToken) =>
        UpdateClaimedAsync(id, instanceId, NudgeOutboxRow.Pending, next.ToUnixTimeMilliseconds(), reason, cancellationToken);

    /// <summary>Gives the row back for <paramref name="next"/> without counting an attempt: the platform asked to slow
    /// down (429), or the row was not sent in this claim (its destination paused, its lease ending).</summary>
    public Task<int> DeferAsync(long id, string instanceId, DateTimeOffset next, string reason, CancellationToken cancellationToken) =>
        UpdateClaimedAsync(id, instanceId, NudgeOutboxRow.Pending, next.ToUnixTimeMilliseconds(), reason, cancellationToken, countAttempt: false);

    /// <summary>Gives up on the row (failed) or drops it (skipped), with the reason code.</summary>
    public Task<int> MarkDoneAsync(long id, string instanceId, string status, string reason, CancellationToken cancellationToken) =>
        UpdateClaimedAsync(id, instanceId, status, null, reason, cancellationToken);

    public async Task<IReadOnlyList<NudgeOutboxRow>> OutboxAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<NudgeOutboxRow>().AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The stored reference of a user's personal chat with the bot, for a DM.</summary>
    public async Task<Microsoft.Bot.Schema.ConversationReference?> FindPersonalConversationAsync(string channelId, string userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Conversations.AsNoTracking()
            .Where(c => c.ChannelId == channelId && c.UserId == userId && c.ConversationType == "personal")
            .Select(c => new { c.UpdatedAt, c.ReferenceJson })
            .ToListAsync(cancellationToken);
        var json = rows.OrderByDescending(c => c.UpdatedAt).FirstOrDefault()?.ReferenceJson; // SQLite cannot order by DateTimeOffset
        return json is null ? null : Newtonsoft.Json.JsonConvert.DeserializeObject<Microsoft.Bot.Schema.ConversationReference>(json);
    }

    private async Task<int> UpdateClaimedAsync(long id, string instanceId, string status, long? notBefore, string? reason, CancellationToken cancellationToken, bool countAttempt = true)
    {
        var now = Now;
        var counted = countAttempt ? 1 : 0;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        using var turn = await WriteTurnAsync(db, cancellationToken);
        return await db.Set<NudgeOutboxRow>().Where(r => r.Id == id && r.ClaimedBy == instanceId)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Status, status)
                    .SetProperty(r => r.Attempts, r => r.Attempts + counted)
                    .SetProperty(r => r.NotBeforeMs, r => notBefore ?? r.NotBeforeMs)
                    .SetProperty(r => r.LastError, reason)
                    .SetProperty(r => r.ClaimedBy, (string?)null)
                    .SetProperty(r => r.ClaimedUntilMs, (long?)null)
                    .SetProperty(r => r.DeliveredAtMs, r => status == NudgeOutboxRow.Delivered ? now : r.DeliveredAtMs),
                cancellationToken)
            ;
    }
}
