using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CommsBot.Bot.Storage;

/// <summary>For <c>dotnet ef migrations add</c> (SQLite migrations live in Storage/Migrations).</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CommsBotDbContext>
{
    public CommsBotDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CommsBotDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
