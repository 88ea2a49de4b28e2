namespace CommsBot.Cards;

/// <summary>
/// A card template is missing or invalid (thrown by <see cref="CardTemplates.Load"/> and by the renderers'
/// constructors, at start-up). The message names every file and problem; it never contains draft text.
/// </summary>
public sealed class CardTemplateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CardTemplateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CardTemplateException()
        : base("A card template is missing or invalid.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public CardTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
