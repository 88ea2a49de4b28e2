namespace CommsBot.Guidelines.Pack;

/// <summary>
/// An example from the pack: a draft the rule should fire on (with its expected spans marked <c>[|like this|]</c>)
/// or stay quiet on.
/// </summary>
/// <param name="RuleId">The rule.</param>
/// <param name="ShouldFire">Whether the rule should fire.</param>
/// <param name="Text">The draft with the markup removed.</param>
/// <param name="ExpectedSpans">The marked spans (empty for quiet examples or unmarked ones).</param>
/// <param name="Context">Account and platform.</param>
public sealed record RuleExample(string RuleId, bool ShouldFire, string Text, IReadOnlyList<TextSpan> ExpectedSpans, DraftContext Context)
{
    /// <summary>Removes <c>[|</c> and <c>|]</c> markers and returns the text and the marked spans.</summary>
    public static (string Text, IReadOnlyList<TextSpan> Spans) ParseMarkup(string marked)
    {
        ArgumentNullException.ThrowIfNull(marked);
        var sb = new System.Text.StringBuilder(marked.Length);
        var spans = new List<TextSpan>();
        var open = -1;
        for (var i = 0; i < marked.Length; i++)
        {
            if (i + 1 < marked.Length && marked[i] == '[' && marked[i + 1] == '|')
            {
                open = sb.Length;
                i++;
            }
            else if (i + 1 < marked.Length && marked[i] == '|' && marked[i + 1] == ']' && open >= 0)
            {
                spans.Add(TextSpan.FromBounds(open, sb.Length));
                open = -1;
                i++;
            }
            else
            {
                sb.Append(marked[i]);
            }
        }

        return (sb.ToString(), spans);
    }

    /// <inheritdoc />
    public override string ToString() => $"{RuleId} {(ShouldFire ? "fires" : "quiet")}: {Text}";
}
