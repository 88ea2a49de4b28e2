namespace CommsBot.Guidelines;

/// <summary>
/// One thing the evaluator noticed in a draft. It holds where, not what: the matched text is not copied,
/// because drafts may contain patient information.
/// </summary>
/// <param name="RuleId">The rule's kebab-case id from RULES.md.</param>
/// <param name="Severity">The effective severity (configuration may override the rule's default).</param>
/// <param name="Span">Where in the draft the finding points.</param>
/// <param name="Properties">Facts for the fixer and the card (names of matched groups, what is missing, spans of parts).</param>
public sealed record Finding(string RuleId, Severity Severity, TextSpan Span, IReadOnlyDictionary<string, string> Properties)
{
    /// <summary>Spans of the individual matched pieces, by signal group (the <c>parts</c> property).</summary>
    public IReadOnlyList<(string Group, TextSpan Span)> Parts => FindingParts.Parse(Properties);
}

/// <summary>Encodes and decodes the <c>parts</c> property of a finding: <c>group:start:length;...</c>.</summary>
public static class FindingParts
{
    /// <summary>The property key.</summary>
    public const string Key = "parts";

    /// <summary>Encodes parts into the property value.</summary>
    public static string Encode(IEnumerable<(string Group, TextSpan Span)> parts) =>
        string.Join(';', parts.Select(p => $"{p.Group}:{p.Span.Start}:{p.Span.Length}"));

    /// <summary>Decodes the parts of a finding's properties (empty when there are none).</summary>
    public static IReadOnlyList<(string Group, TextSpan Span)> Parse(IReadOnlyDictionary<string, string> properties)
    {
        if (!properties.TryGetValue(Key, out var value) || string.IsNullOrEmpty(value))
        {
            return [];
        }

        var result = new List<(string, TextSpan)>();
        foreach (var item in value.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var bits = item.Split(':');
            if (bits.Length == 3 && int.TryParse(bits[1], out var s) && int.TryParse(bits[2], out var l))
            {
                result.Add((bits[0], new TextSpan(s, l)));
            }
        }

        return result;
    }
}
