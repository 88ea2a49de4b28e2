namespace CommsBot.Guidelines.Detection;

// The YAML shape of the signals detector's options. Every property is optional here: the builder checks what is
// required, so that a broken pack gets every error listed at once.
#pragma warning disable CA2227, CA1002 // DTOs for the YAML deserializer

/// <summary>The options of a <c>signals</c> detector as a pack writes them: term groups, the clauses over them, and how a
/// finding is reported. <see cref="SignalsBuilder"/> checks and compiles them.</summary>
internal sealed class SignalsOptions
{
    public string? Kind { get; set; }

    public Dictionary<string, SignalGroupOptions>? Groups { get; set; }

    public List<SignalClauseOptions>? Clauses { get; set; }

    /// <summary>Groups whose absence makes an opportunity a suggestion instead of praise, with what to add.</summary>
    public Dictionary<string, string>? Missing { get; set; }

    /// <summary>The group whose matches give the finding's span (default: the clause's matches).</summary>
    public string? Span { get; set; }

    public int? MaxFindings { get; set; }
}

/// <summary>A named group of terms and patterns, and the filters on its matches.</summary>
internal sealed class SignalGroupOptions
{
    public List<string>? Use { get; set; }

    public List<string>? Terms { get; set; }

    public List<string>? Patterns { get; set; }

    public double? Weight { get; set; }

    public bool? Negatable { get; set; }

    /// <summary>How many distinct matches in a unit count towards a clause's score (default 1).</summary>
    public int? MaxCount { get; set; }

    /// <summary>Only matches starting before this character index count (a disclosure "at the start").</summary>
    public int? StartWithin { get; set; }

    /// <summary>Only matches starting at or after this character index count.</summary>
    public int? StartAfter { get; set; }

    /// <summary>Matches where the author names themself as one ("radiologist here", "as a nurse") do not count.</summary>
    public bool? ExceptSelf { get; set; }

    /// <summary>Matches inside reported speech ("asked if I was 'a real doctor or just a nurse'") do not count.</summary>
    public bool? ExceptReported { get; set; }
}

/// <summary>One clause: which groups must, may and must not appear together, where, and for which accounts.</summary>
internal sealed class SignalClauseOptions
{
    public List<string>? Accounts { get; set; }

    public string? Scope { get; set; }

    public int? Window { get; set; }

    public List<string>? All { get; set; }

    public List<string>? Any { get; set; }

    public List<string>? None { get; set; }

    public List<string>? Unless { get; set; }

    public List<string>? Score { get; set; }

    public double? MinScore { get; set; }
}
