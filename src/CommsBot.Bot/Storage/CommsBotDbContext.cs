using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CommsBot.Bot.Storage;

/// <summary>The bot's state. Holds ids, hashes and counts, and no draft text except a review request's, which the
/// author asked to share and which is encrypted (<see cref="Reviews.ReviewProtector"/>) with the Data Protection key
/// ring kept here too (<see cref="DataProtectionKeys"/>). This type carries the SQLite migrations;
/// <see cref="PostgresCommsBotDbContext"/> the same model with PostgreSQL's.</summary>
public class CommsBotDbContext : DbContext, IDataProtectionKeyContext
{
    public CommsBotDbContext(DbContextOptions<CommsBotDbContext> options)
        : base(options)
    {
    }

    protected CommsBotDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<UserPreference> UserPreferences => Set<UserPreference>();

    public DbSet<ConversationRecord> Conversations => Set<ConversationRecord>();

    public DbSet<FalsePositiveReport> FalsePositiveReports => Set<FalsePositiveReport>();

    public DbSet<UsageCounter> UsageCounters => Set<UsageCounter>();

    public DbSet<SlackRequestRecord> SlackRequests => Set<SlackRequestRecord>();

    /// <summary>The Data Protection key ring (XML elements), shared by every instance on the same database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<UserPreference>(e =>
        {
            e.HasKey(p => p.UserKey);
            e.Property(p => p.UserKey).HasMaxLength(300);
            e.Property(p => p.DefaultAccount).HasMaxLength(20);
        });

        modelBuilder.Entity<ConversationRecord>(e =>
        {
            e.HasKey(c => c.ConversationKey);
            e.Property(c => c.ConversationKey).HasMaxLength(600);
            e.Property(c => c.ChannelId).HasMaxLength(50);
            e.Property(c => c.ConversationId).HasMaxLength(500);
            e.Property(c => c.ConversationType).HasMaxLength(50);
            e.Property(c => c.TenantId).HasMaxLength(100);
            e.Property(c => c.UserId).HasMaxLength(300);
            e.Property(c => c.ServiceUrl).HasMaxLength(500);
            e.HasIndex(c => c.UserId);
        });

        modelBuilder.Entity<FalsePositiveReport>(e =>
        {
            e.HasKey(r => r.Id);
            e.Property(r => r.RuleId).HasMaxLength(100);
            e.Property(r => r.DraftHash).HasMaxLength(128);
            e.HasIndex(r => r.RuleId);
        });

        modelBuilder.Entity<UsageCounter>(e =>
        {
            e.HasKey(c => c.Name);
            e.Property(c => c.Name).HasMaxLength(200);
        });

        modelBuilder.Entity<SlackRequestRecord>(e =>
        {
            e.ToTable("SlackRequests");
            e.HasKey(r => r.Key);
            e.Property(r => r.Key).HasMaxLength(200);
            e.HasIndex(r => r.ExpiresAtMs);
        });

        Nudges.NudgeModel.Configure(modelBuilder);
        Reviews.ReviewModel.Configure(modelBuilder);
    }
}
