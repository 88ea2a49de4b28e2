namespace CommsBot.Guidelines.Fixes;

/// <summary><c>remove-sentence</c>: cuts the sentence(s) the finding points at (a put-down, a joke at a patient's expense).</summary>
internal sealed class RemoveSentenceFixer : IFixer
{
    public string Kind => "remove-sentence";

    public SuggestedFix Suggest(FixRequest request)
    {
        var cut = Sentences.Around(request.Text, request.Finding.Span);
        if (cut.Length >= request.Text.Trim().Length)
        {
            // nothing would be left: the whole post is the problem
            return SuggestedFix.Advice(request.Spec.Title);
        }

        return new SuggestedFix(request.Spec.Title, [new TextEdit(cut, "")]);
    }
}
