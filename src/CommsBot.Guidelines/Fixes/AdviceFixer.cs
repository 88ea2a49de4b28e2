namespace CommsBot.Guidelines.Fixes;

/// <summary><c>advice</c>: no edit fits (post it elsewhere, reconsider the partnership); the rule's advice stands.</summary>
internal sealed class AdviceFixer : IFixer
{
    public string Kind => "advice";

    public SuggestedFix Suggest(FixRequest request) => SuggestedFix.Advice(request.Spec.Title);
}
