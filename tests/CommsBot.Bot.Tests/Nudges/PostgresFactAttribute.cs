namespace CommsBot.Bot.Tests.Nudges;

/// <summary>A fact that needs PostgreSQL (<c>COMMSBOT_TEST_PG</c>, a connection string whose user may create
/// databases). Skipped locally when it is not set; under <c>CI=true</c> it runs, and fails, so CI never passes
/// without it.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "COMMSBOT_TEST_PG";

    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable))
            && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = $"{Variable} is not set: start a local server with `source <(bash tests/pg/start-postgres.sh --env)` (CI=true fails instead of skipping).";
        }
    }

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException($"{Variable} is not set, and CI=true: .ci/run must start PostgreSQL with tests/pg/start-postgres.sh and export it.");
}
