using CommsBot.Guidelines.Pack;

namespace CommsBot.Guidelines;

/// <summary>
/// A second opinion stacked on the rules (a learned model, say): it reads the draft the rules read, with its
/// sentences and the rules' findings, and may add a finding of an issue rule the rules missed (its span the sentence
/// the evidence came from) or withdraw an issue finding it is confident is wrong. It never logs or keeps the text.
/// </summary>
public interface ISecondOpinion
{
    /// <summary>Adjusts <paramref name="findings"/> (spans in <see cref="SecondOpinionInput.Text"/>) in place.</summary>
    void Adjust(SecondOpinionInput input, List<Finding> findings);
}

/// <summary>What a second opinion sees of a draft.</summary>
/// <param name="Text">The draft as the rules read it (the post inside a chat request, look-alike characters folded).</param>
/// <param name="Context">Account and platform.</param>
/// <param name="Sentences">The sentences of <paramref name="Text"/>, in order.</param>
/// <param name="Pack">The rule pack, for the rules' severities.</param>
public sealed record SecondOpinionInput(string Text, DraftContext Context, IReadOnlyList<TextSpan> Sentences, RulePack Pack);
