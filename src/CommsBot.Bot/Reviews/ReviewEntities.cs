using Microsoft.EntityFrameworkCore;

namespace CommsBot.Bot.Reviews;

// Times are Unix milliseconds, as in the nudge tables: SQLite cannot compare DateTimeOffset in SQL.

/// <summary>The comms team's review channel of a tenant (Teams) or workspace (Slack): one per scope.</summary>
public sealed class ReviewChannelRecord
{
    /// <summary>Channel id and tenant or team id (<c>msteams|tenant</c>, <c>slack|T0123</c>).</summary>
    public required string Scope { get; set; }

    public required string ChannelId { get; set; }

    /// <summary>The channel conversation the review cards go to (a Teams channel without its thread, a Slack channel id).</summary>
    public required string ConversationId { get; set; }

    /// <summary>The admin's user key (channel:user id).</summary>
    public required string RegisteredBy { get; set; }

    public long RegisteredAtMs { get; set; }
}

/// <summary>
/// One request for review. The draft, the author's note and the reviewer's comment and edited draft are the only
/// text the bot stores, because the author asked it to: each is encrypted with ASP.NET Core Data Protection
/// (<see cref="ReviewProtector"/>) and set to null by the purge <see cref="ReviewOptions.RetentionDays"/> after the
/// decision. What is left is the audit row: ids, decision, times and rule ids.
/// </summary>
public sealed class ReviewRequestRecord
{
    public const string Open = "open";
    public const string Taken = "taken";
    public const string Approved = "approved";
    public const string ChangesRequested = "changes-requested";

    public long Id { get; set; }

    public required string Scope { get; set; }

    public required string ChannelId { get; set; }

    /// <summary>The author's channel user id.</summary>
    public required string AuthorId { get; set; }

    /// <summary>The author's display name as the channel gave it (Teams); shown on the card, cleared by the purge.</summary>
    public string? AuthorName { get; set; }

    /// <summary>The conversation the author asked from (their personal chat, or a channel): where the decision goes
    /// when the author has no personal chat with the bot.</summary>
    public required string OriginConversationId { get; set; }

    public required string Account { get; set; }

    public required string Platform { get; set; }

    public required string Verdict { get; set; }

    /// <summary>The rule ids of the draft's findings, comma-separated (kept in the audit row).</summary>
    public string RuleIds { get; set; } = "";

    public string? DraftCipher { get; set; }

    public string? NoteCipher { get; set; }

    /// <summary>The date the author wants an answer by (yyyy-MM-dd), if given.</summary>
    public string? WantedBy { get; set; }

    /// <summary>The earlier request this one re-submits.</summary>
    public long? ResubmitOf { get; set; }

    public string Status { get; set; } = Open;

    public string? ReviewerId { get; set; }

    public string? ReviewerName { get; set; }

    public string? CommentCipher { get; set; }

    public string? EditedDraftCipher { get; set; }

    /// <summary>The review card's message in the review channel (a Teams activity id, a Slack ts), to update in place.</summary>
    public string? ChannelMessageId { get; set; }

    public required string ReviewConversationId { get; set; }

    public long CreatedAtMs { get; set; }

    public long? TakenAtMs { get; set; }

    public long? DecidedAtMs { get; set; }

    public long? RemindedAtMs { get; set; }

    /// <summary>When the text was deleted: from then on this is the audit row only.</summary>
    public long? PurgedAtMs { get; set; }

    public bool IsDecided => Status is Approved or ChangesRequested;
}

/// <summary>The review queue's part of the EF model, applied by <see cref="Storage.CommsBotDbContext"/>.</summary>
internal static class ReviewModel
{
    public const string RequestsTable = "ReviewRequests";

    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ReviewChannelRecord>(e =>
        {
            e.ToTable("ReviewChannels");
            e.HasKey(c => c.Scope);
            e.Property(c => c.Scope).HasMaxLength(200);
            e.Property(c => c.ChannelId).HasMaxLength(50);
            e.Property(c => c.ConversationId).HasMaxLength(500);
            e.Property(c => c.RegisteredBy).HasMaxLength(400);
        });

        modelBuilder.Entity<ReviewRequestRecord>(e =>
        {
            e.ToTable(RequestsTable);
            e.HasKey(r => r.Id);
            e.Property(r => r.Scope).HasMaxLength(200);
            e.Property(r => r.ChannelId).HasMaxLength(50);
            e.Property(r => r.AuthorId).HasMaxLength(300);
            e.Property(r => r.AuthorName).HasMaxLength(200);
            e.Property(r => r.OriginConversationId).HasMaxLength(500);
            e.Property(r => r.ReviewConversationId).HasMaxLength(500);
            e.Property(r => r.Account).HasMaxLength(20);
            e.Property(r => r.Platform).HasMaxLength(20);
            e.Property(r => r.Verdict).HasMaxLength(20);
            e.Property(r => r.RuleIds).HasMaxLength(2000);
            e.Property(r => r.WantedBy).HasMaxLength(10);
            e.Property(r => r.Status).HasMaxLength(20);
            e.Property(r => r.ReviewerId).HasMaxLength(300);
            e.Property(r => r.ReviewerName).HasMaxLength(200);
            e.Property(r => r.ChannelMessageId).HasMaxLength(200);
            e.HasIndex(r => new { r.Scope, r.Status });
            e.HasIndex(r => r.AuthorId);
            e.HasIndex(r => r.DecidedAtMs);
        });
    }
}
