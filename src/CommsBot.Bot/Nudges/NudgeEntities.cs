using Microsoft.EntityFrameworkCore;

namespace CommsBot.Bot.Nudges;

// Times are Unix milliseconds: SQLite cannot compare DateTimeOffset in SQL, and the outbox is queried by time on
// both providers with the same SQL.

/// <summary>An accomplishment in the registry. Names and links are what the feature needs; no chat text.</summary>
public sealed class AccomplishmentRecord
{
    public long Id { get; set; }

    /// <summary>Which conversations see it: the channel and tenant (team) it was added in.</summary>
    public required string Scope { get; set; }

    public required string ChannelId { get; set; }

    /// <summary>The colleague's chat user id, when they were mentioned (needed for the consent DM).</summary>
    public string? ColleagueId { get; set; }

    public required string ColleagueName { get; set; }

    public required string Kind { get; set; }

    public string Title { get; set; } = "";

    public required string Link { get; set; }

    /// <summary>Co-authors, one per line.</summary>
    public string CoAuthors { get; set; } = "";

    /// <summary>The adder's user key (channel:user id).</summary>
    public required string AddedBy { get; set; }

    public string? ServiceUrl { get; set; }

    public string? TenantId { get; set; }

    public required string Consent { get; set; }

    public long AddedAtMs { get; set; }

    public long? ConsentAnsweredAtMs { get; set; }
}

/// <summary>A meeting in the calendar: seeded from the YAML file or added in chat.</summary>
public sealed class ConferenceRecord
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public DateOnly Start { get; set; }

    public DateOnly End { get; set; }

    public required string TimeZoneId { get; set; }

    public required string Hashtag { get; set; }

    public required string Photos { get; set; }

    public string Embargo { get; set; } = "";

    public string? Link { get; set; }

    /// <summary><c>seed</c> or the adder's user key.</summary>
    public required string AddedBy { get; set; }
}

/// <summary>A conversation's opt-in to nudges, and the last accomplishment it was offered.</summary>
public sealed class NudgeSubscription
{
    public required string ConversationKey { get; set; }

    public required string Scope { get; set; }

    public bool Enabled { get; set; }

    public long? PausedUntilMs { get; set; }

    /// <summary>The highest accomplishment id already put in a colleague-promotion nudge for this conversation.</summary>
    public long LastAccomplishmentId { get; set; }

    public long UpdatedAtMs { get; set; }
}

/// <summary>One nudge to deliver once: unique per (kind, conversation, period).</summary>
public sealed class NudgeOutboxRow
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
    public const string Skipped = "skipped";

    public long Id { get; set; }

    public required string Kind { get; set; }

    /// <summary>The target conversation key (channel|conversation id), or <c>dm:channel|user id</c> for a consent DM.</summary>
    public required string ConversationKey { get; set; }

    /// <summary>The period: a schedule's fire time, a meeting day, an accomplishment id.</summary>
    public required string Period { get; set; }

    /// <summary>Ids the card is built from (JSON): accomplishment ids or a conference id, never text.</summary>
    public string PayloadJson { get; set; } = "{}";

    public string Status { get; set; } = Pending;

    public int Attempts { get; set; }

    public long NotBeforeMs { get; set; }

    public string? ClaimedBy { get; set; }

    public long? ClaimedUntilMs { get; set; }

    /// <summary>A short reason code (HTTP status, exception type), never a message.</summary>
    public string? LastError { get; set; }

    public long CreatedAtMs { get; set; }

    public long? DeliveredAtMs { get; set; }
}

/// <summary>The nudges' part of the EF model, applied by <see cref="Storage.CommsBotDbContext"/>.</summary>
internal static class NudgeModel
{
    public const string OutboxTable = "NudgeOutbox";

    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AccomplishmentRecord>(e =>
        {
            e.ToTable("Accomplishments");
            e.HasKey(a => a.Id);
            e.Property(a => a.Scope).HasMaxLength(200);
            e.Property(a => a.ChannelId).HasMaxLength(50);
            e.Property(a => a.ColleagueId).HasMaxLength(300);
            e.Property(a => a.ColleagueName).HasMaxLength(200);
            e.Property(a => a.Kind).HasMaxLength(20);
            e.Property(a => a.Title).HasMaxLength(400);
            e.Property(a => a.Link).HasMaxLength(2000);
            e.Property(a => a.CoAuthors).HasMaxLength(2000);
            e.Property(a => a.AddedBy).HasMaxLength(400);
            e.Property(a => a.ServiceUrl).HasMaxLength(500);
            e.Property(a => a.TenantId).HasMaxLength(100);
            e.Property(a => a.Consent).HasMaxLength(20);
            e.HasIndex(a => new { a.Scope, a.Id });
        });

        modelBuilder.Entity<ConferenceRecord>(e =>
        {
            e.ToTable("Conferences");
            e.HasKey(c => c.Id);
            e.Property(c => c.Id).HasMaxLength(100);
            e.Property(c => c.Name).HasMaxLength(300);
            e.Property(c => c.TimeZoneId).HasMaxLength(100);
            e.Property(c => c.Hashtag).HasMaxLength(100);
            e.Property(c => c.Photos).HasMaxLength(30);
            e.Property(c => c.Embargo).HasMaxLength(1000);
            e.Property(c => c.Link).HasMaxLength(2000);
            e.Property(c => c.AddedBy).HasMaxLength(400);
        });

        modelBuilder.Entity<NudgeSubscription>(e =>
        {
            e.ToTable("NudgeSubscriptions");
            e.HasKey(s => s.ConversationKey);
            e.Property(s => s.ConversationKey).HasMaxLength(600);
            e.Property(s => s.Scope).HasMaxLength(200);
        });

        modelBuilder.Entity<NudgeOutboxRow>(e =>
        {
            e.ToTable(OutboxTable);
            e.HasKey(r => r.Id);
            e.Property(r => r.Kind).HasMaxLength(40);
            e.Property(r => r.ConversationKey).HasMaxLength(600);
            e.Property(r => r.Period).HasMaxLength(200);
            e.Property(r => r.PayloadJson).HasMaxLength(4000);
            e.Property(r => r.Status).HasMaxLength(20);
            e.Property(r => r.ClaimedBy).HasMaxLength(100);
            e.Property(r => r.LastError).HasMaxLength(200);
            e.HasIndex(r => new { r.Kind, r.ConversationKey, r.Period }).IsUnique();
            e.HasIndex(r => new { r.Status, r.NotBeforeMs });
            e.HasIndex(r => r.ConversationKey);
        });
    }
}
