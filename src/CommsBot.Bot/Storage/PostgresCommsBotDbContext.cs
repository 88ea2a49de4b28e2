using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CommsBot.Bot.Storage;

/// <summary>The same model on PostgreSQL. A type of its own so its migrations (Storage/Migrations/Postgres) are
/// separate from SQLite's: each provider's column types differ.</summary>
public sealed class PostgresCommsBotDbContext(DbContextOptions<PostgresCommsBotDbContext> options) : CommsBotDbContext(options);

/// <summary>For <c>dotnet ef migrations add X --context PostgresCommsBotDbContext -o Storage/Migrations/Postgres</c>
/// (no database is contacted).</summary>
internal sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgresCommsBotDbContext>
{
    public PostgresCommsBotDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCommsBotDbContext>().UseNpgsql("Host=localhost;Database=design_time").Options);
}
