namespace CommsBot.Guidelines.Fixes;

/// <summary><c>remove-sentence</c>: cuts the sentence(s) the finding points at (a put-down, a joke at a patient's expense),
/// every sentence that holds a piece of its evidence, so that none of it is left behind.</summary>
internal sealed class RemoveSentenceFixer : IFixer
{
    public string Kind => "remove-sentence";

    public SuggestedFix Suggest(FixRequest request)
    {
        var cut = Sentences.Around(request.Text, request.Finding.Span);
        foreach (var (_, part) in request.Finding.Parts)
        {
            if (part.End <= request.Text.Length)
            {
                cut = cut.Union(Sentences.Around(request.Text, part));
            }
        }

        if (cut.Length >= request.Text.Trim().Length)
        {
            // nothing would be left: the whole post is the problem
            return SuggestedFix.Advice(request.Spec.Title);
        }

        return new SuggestedFix(request.Spec.Title, [new TextEdit(cut, "")]);
    }
}
