using System.Reflection;
using CommsBot.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CommsBot.Bot.Tests.Storage;

/// <summary>Each provider's migrations match the model, and each model snapshot sits beside its migrations, where
/// <c>dotnet ef migrations add</c> finds and rewrites it.</summary>
public sealed class MigrationsTests
{
    [Fact]
    public void Model_SqliteAndPostgres_HaveNoPendingChanges()
    {
        using var sqlite = new DesignTimeDbContextFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeDbContextFactory().CreateDbContext([]);

        Assert.False(sqlite.Database.HasPendingModelChanges(), "SQLite: add a migration");
        Assert.False(postgres.Database.HasPendingModelChanges(), "PostgreSQL: add a migration");
    }

    [Theory]
    [InlineData(typeof(CommsBotDbContext), "Storage/Migrations")]
    [InlineData(typeof(PostgresCommsBotDbContext), "Storage/Migrations/Postgres")]
    public void ModelSnapshot_OfEachContext_LivesBesideItsMigrations(Type context, string folder)
    {
        var snapshot = Assert.Single(
            typeof(CommsBotDbContext).Assembly.GetTypes(),
            t => t.IsSubclassOf(typeof(ModelSnapshot)) && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == context);
        var project = Path.Combine(RepositoryRoot(), "src", "CommsBot.Bot");

        Assert.Equal("CommsBot.Bot." + folder.Replace('/', '.'), snapshot.Namespace);
        Assert.True(File.Exists(Path.Combine(project, folder, snapshot.Name + ".cs")), $"{snapshot.Name}.cs is not in {folder}");
        Assert.Single(Directory.GetFiles(project, snapshot.Name + ".cs", SearchOption.AllDirectories), f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CommsBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("CommsBot.sln not found");
    }
}
