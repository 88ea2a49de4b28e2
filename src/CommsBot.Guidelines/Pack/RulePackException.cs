namespace CommsBot.Guidelines.Pack;

/// <summary>One problem in a rule pack file.</summary>
/// <param name="File">The pack file (or <c>default pack</c> for the embedded one).</param>
/// <param name="RuleId">The rule the problem is in, when it is in one.</param>
/// <param name="Message">What is wrong.</param>
public sealed record RulePackError(string File, string? RuleId, string Message)
{
    /// <inheritdoc />
    public override string ToString() => RuleId is null ? $"{File}: {Message}" : $"{File}: rule '{RuleId}': {Message}";
}

/// <summary>A rule pack could not be loaded; <see cref="Errors"/> lists every problem found, not just the first.</summary>
public sealed class RulePackException : Exception
{
    /// <summary>Creates the exception from the list of errors.</summary>
    public RulePackException(IReadOnlyList<RulePackError> errors)
        : base(Format(errors)) => Errors = errors;

    /// <summary>Creates an exception with one message.</summary>
    public RulePackException(string message)
        : base(message) => Errors = [new RulePackError("rule pack", null, message)];

    /// <summary>Creates an exception with one message and an inner exception.</summary>
    public RulePackException(string message, Exception innerException)
        : base(message, innerException) => Errors = [new RulePackError("rule pack", null, message)];

    /// <summary>Creates an empty exception (for serializers).</summary>
    public RulePackException()
        : this("The rule pack is invalid.")
    {
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<RulePackError> Errors { get; }

    private static string Format(IReadOnlyList<RulePackError> errors) =>
        $"The rule pack has {errors.Count} error{(errors.Count == 1 ? "" : "s")}:{Environment.NewLine}" +
        string.Join(Environment.NewLine, errors.Select(e => "  - " + e));
}
