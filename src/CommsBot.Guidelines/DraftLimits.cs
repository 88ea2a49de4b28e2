namespace CommsBot.Guidelines;

/// <summary>Limits on what counts as a draft.</summary>
public sealed class DraftLimits
{
    /// <summary>The default maximum length, in characters.</summary>
    public const int DefaultMaxLength = 10_000;

    /// <summary>The longest draft accepted, in characters (1 to 100,000).</summary>
    public int MaxLength
    {
        get => maxLength;
        init => maxLength = value is >= 1 and <= 100_000
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxLength), value, "The draft length limit must be between 1 and 100,000 characters.");
    }

    private readonly int maxLength = DefaultMaxLength;

    /// <summary>Returns null when the draft is acceptable, or a user-facing reason (which never quotes the draft).</summary>
    public string? Validate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "The draft is empty. Paste the text of the post you want checked.";
        }

        if (text.Length > MaxLength)
        {
            return $"The draft is {text.Length:N0} characters long; the limit is {MaxLength:N0}. Check it in parts, or shorten it.";
        }

        return null;
    }
}

/// <summary>A draft that cannot be checked (empty or too long). The message is safe to show and to log: it never quotes the draft.</summary>
public sealed class InvalidDraftException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidDraftException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public InvalidDraftException()
        : base("The draft cannot be checked.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public InvalidDraftException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
