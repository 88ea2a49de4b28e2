using System.Data.Common;
using System.Globalization;

namespace CommsBot.Reporting;

/// <summary>
/// Reads <see cref="UsageData"/> from the bot's database through an open connection (SQLite or PostgreSQL: the
/// bot's tables have the same quoted names on both). Reads the counter, false-positive, nudge outbox and review
/// request tables only (of the review requests, status and times: never their encrypted text); the nudge and review
/// tables are optional (an older database has none).
/// </summary>
public static class UsageDataReader
{
    public static async Task<UsageData> ReadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var counters = new Dictionary<string, long>(StringComparer.Ordinal);
        await ReadRowsAsync(connection, """SELECT "Name", "Count" FROM "UsageCounters" """, r => counters[r.GetString(0)] = r.GetInt64(1), cancellationToken).ConfigureAwait(false);

        var falsePositives = new List<FalsePositiveRow>();
        await ReadRowsAsync(connection, """SELECT "RuleId", "ReportedAt" FROM "FalsePositiveReports" """, r => falsePositives.Add(new FalsePositiveRow(r.GetString(0), ToTime(r.GetValue(1)))), cancellationToken).ConfigureAwait(false);

        List<NudgeRow>? nudges = [];
        try
        {
            await ReadRowsAsync(
                connection,
                """SELECT "Kind", "Status", "CreatedAtMs", "DeliveredAtMs" FROM "NudgeOutbox" """,
                r => nudges.Add(new NudgeRow(
                    r.GetString(0),
                    r.GetString(1),
                    DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)),
                    r.IsDBNull(3) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)))),
                cancellationToken).ConfigureAwait(false);
        }
        catch (DbException)
        {
            nudges = null; // no nudge tables in this database
        }

        List<ReviewRow>? reviews = [];
        try
        {
            await ReadRowsAsync(
                connection,
                """SELECT "Status", "CreatedAtMs", "DecidedAtMs" FROM "ReviewRequests" """,
                r => reviews.Add(new ReviewRow(
                    r.GetString(0),
                    DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)),
                    r.IsDBNull(2) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)))),
                cancellationToken).ConfigureAwait(false);
        }
        catch (DbException)
        {
            reviews = null; // no review tables in this database
        }

        return new UsageData(counters, falsePositives, nudges, reviews);
    }

    private static async Task ReadRowsAsync(DbConnection connection, string sql, Action<DbDataReader> row, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            row(reader);
        }
    }

    // SQLite keeps DateTimeOffset as text; PostgreSQL's timestamptz comes back as a UTC DateTime.
    private static DateTimeOffset ToTime(object value) => value switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, d.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : d.Kind)),
        string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        _ => throw new FormatException($"Unexpected time value of type {value.GetType().Name}."),
    };
}
