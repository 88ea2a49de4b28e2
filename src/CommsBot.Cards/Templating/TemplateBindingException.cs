namespace CommsBot.Cards.Templating;

/// <summary>A template names data that is not there. Never carries the bound values (they may be draft text).</summary>
internal sealed class TemplateBindingException : Exception
{
    public TemplateBindingException(string message)
        : base(message)
    {
    }

    public TemplateBindingException()
    {
    }

    public TemplateBindingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
