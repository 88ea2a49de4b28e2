using System.Globalization;

namespace CommsBot.Reporting;

/// <summary>
/// Usage counters are running totals (<c>checks</c>, <c>verdict:ready</c>, <c>rule:ID</c>, ...). Each write also adds
/// the same deltas under a dated name, <c>day:2026-03-02:checks</c>, so a report can cover a window ("the last 30
/// days") from counts alone, without storing a row per check.
/// </summary>
public static class DailyCounters
{
    private const string Prefix = "day:";
    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>The dated name of a counter for a UTC day.</summary>
    public static string Name(DateOnly day, string counter) =>
        Prefix + day.ToString(DateFormat, CultureInfo.InvariantCulture) + ":" + counter;

    /// <summary>The deltas plus their dated copies for <paramref name="day"/>.</summary>
    public static IReadOnlyDictionary<string, long> WithDaily(IReadOnlyDictionary<string, long> deltas, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        var all = new Dictionary<string, long>(deltas.Count * 2, StringComparer.Ordinal);
        foreach (var (name, count) in deltas)
        {
            all[name] = count;
            all[Name(day, name)] = count;
        }

        return all;
    }

    /// <summary>Splits a dated name into its day and counter; false for a running total.</summary>
    public static bool TryParse(string name, out DateOnly day, out string counter)
    {
        ArgumentNullException.ThrowIfNull(name);
        day = default;
        counter = "";
        var dateEnd = Prefix.Length + DateFormat.Length;
        if (!name.StartsWith(Prefix, StringComparison.Ordinal) || name.Length <= dateEnd + 1 || name[dateEnd] != ':'
            || !DateOnly.TryParseExact(name.AsSpan(Prefix.Length, DateFormat.Length), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return false;
        }

        counter = name[(dateEnd + 1)..];
        return true;
    }
}
