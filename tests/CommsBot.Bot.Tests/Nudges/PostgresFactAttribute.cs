using System.Runtime.CompilerServices;
using CommsBot.Bot.Tests.EndToEnd;

namespace CommsBot.Bot.Tests.Nudges;

/// <summary>A fact that needs PostgreSQL (<c>COMMSBOT_TEST_PG</c>, a connection string whose user may create
/// databases). Skipped locally when it is not set, with the command that starts one; under <c>CI=true</c> it runs,
/// and fails, so CI never passes without it.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "COMMSBOT_TEST_PG";

    /// <summary>The command the README and .ci/run give: starts PostgreSQL on loopback and exports the variable.</summary>
    public const string StartCommand = "`eval \"$(bash tests/pg/start-postgres.sh --env)\"`";

    public PostgresFactAttribute([CallerMemberName] string method = "") =>
        Prerequisites.SkipUnlessCi(this, method, "The PostgreSQL test", Missing());

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException($"{Variable} is not set, and CI=true: .ci/run must start PostgreSQL with tests/pg/start-postgres.sh and export it.");

    private static string[] Missing() =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable))
            ? [$"{Variable} is not set: start PostgreSQL on loopback with {StartCommand} in the shell that runs the tests"]
            : [];
}
