using System.Collections.Concurrent;
using CommsBot.Guidelines;
using Microsoft.Bot.Schema;
using Microsoft.EntityFrameworkCore;
using Newtonsoft.Json;

namespace CommsBot.Bot.Storage;

/// <summary>The EF Core store. Preferences are cached per process (one instance owns a SQLite file; a shared
/// database for several instances would drop the cache).</summary>
public sealed class EfBotStore(IDbContextFactory<CommsBotDbContext> contexts, TimeProvider time) : IBotStore
{
    private readonly ConcurrentDictionary<string, AccountKind?> preferences = new(StringComparer.Ordinal);

    public async Task<AccountKind?> GetDefaultAccountAsync(string userKey, CancellationToken cancellationToken)
    {
        if (preferences.TryGetValue(userKey, out var cached))
        {
            return cached;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.UserPreferences.AsNoTracking()
            .Where(p => p.UserKey == userKey)
            .Select(p => p.DefaultAccount)
            .FirstOrDefaultAsync(cancellationToken);
        AccountKind? account = WireNames.TryParseAccount(stored, out var parsed) && parsed != AccountKind.Unknown ? parsed : null;
        preferences[userKey] = account;
        return account;
    }

    public async Task SetDefaultAccountAsync(string userKey, AccountKind account, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.UserPreferences.FindAsync([userKey], cancellationToken);
        if (row is null)
        {
            row = new UserPreference { UserKey = userKey, DefaultAccount = account.ToWire() };
            db.UserPreferences.Add(row);
        }

        row.DefaultAccount = account.ToWire();
        row.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        preferences[userKey] = account;
    }

    public async Task SaveConversationReferenceAsync(ConversationReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var key = Key(reference.ChannelId, reference.Conversation.Id);
        var json = JsonConvert.SerializeObject(Anonymize(reference));
        var now = time.GetUtcNow();

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Conversations.FindAsync([key], cancellationToken);
        if (row is null)
        {
            row = new ConversationRecord
            {
                ConversationKey = key,
                ChannelId = reference.ChannelId,
                ConversationId = reference.Conversation.Id,
                ServiceUrl = reference.ServiceUrl,
                ReferenceJson = json,
                CreatedAt = now,
            };
            db.Conversations.Add(row);
        }

        row.ServiceUrl = reference.ServiceUrl;
        row.ReferenceJson = json;
        row.ConversationType = reference.Conversation.ConversationType;
        row.TenantId = reference.Conversation.TenantId;
        row.UserId = reference.User?.Id;
        row.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<ConversationReference?> GetConversationReferenceAsync(string channelId, string conversationId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var json = await db.Conversations.AsNoTracking()
            .Where(c => c.ConversationKey == Key(channelId, conversationId))
            .Select(c => c.ReferenceJson)
            .FirstOrDefaultAsync(cancellationToken);
        return json is null ? null : JsonConvert.DeserializeObject<ConversationReference>(json);
    }

    public async Task AddFalsePositiveReportAsync(string ruleId, string draftHash, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.FalsePositiveReports.Add(new FalsePositiveReport { RuleId = ruleId, DraftHash = draftHash, ReportedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<FalsePositiveReport>> GetFalsePositiveReportsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.FalsePositiveReports.AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellationToken);
    }

    public async Task AddCountsAsync(IReadOnlyDictionary<string, long> deltas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        if (deltas.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var names = deltas.Keys.ToList();
        var rows = await db.UsageCounters.Where(c => names.Contains(c.Name)).ToDictionaryAsync(c => c.Name, StringComparer.Ordinal, cancellationToken);
        foreach (var (name, delta) in deltas)
        {
            if (!rows.TryGetValue(name, out var row))
            {
                row = new UsageCounter { Name = name };
                db.UsageCounters.Add(row);
            }

            row.Count += delta;
            row.UpdatedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, long>> GetCountsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.UsageCounters.AsNoTracking().ToDictionaryAsync(c => c.Name, c => c.Count, StringComparer.Ordinal, cancellationToken);
    }

    private static string Key(string channelId, string conversationId) => $"{channelId}|{conversationId}";

    private static ConversationReference Anonymize(ConversationReference reference) => new()
    {
        ActivityId = null,
        ChannelId = reference.ChannelId,
        ServiceUrl = reference.ServiceUrl,
        Locale = reference.Locale,
        Conversation = new ConversationAccount(
            reference.Conversation.IsGroup,
            reference.Conversation.ConversationType,
            reference.Conversation.Id,
            name: null,
            aadObjectId: null,
            role: null,
            tenantId: reference.Conversation.TenantId),
        User = reference.User is null ? null : new ChannelAccount(reference.User.Id, name: null, reference.User.Role, reference.User.AadObjectId),
        Bot = reference.Bot is null ? null : new ChannelAccount(reference.Bot.Id, name: null, reference.Bot.Role),
    };
}
