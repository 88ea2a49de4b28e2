using System.Globalization;
using System.Text.Json;

namespace CommsBot.Cards.Templating;

/// <summary>What an expression sees: the current <c>$data</c>, the <c>$root</c> and the <c>$index</c> in a repeat.</summary>
internal readonly record struct TemplateScope(JsonElement Data, JsonElement Root, int Index);

/// <summary>The values expressions produce besides the data's own: JSON null, true, false and small indexes, made once.</summary>
internal static class TemplateValues
{
    private static readonly JsonElement[] Indexes = [.. Enumerable.Range(0, 64).Select(i => JsonSerializer.SerializeToElement(i))];

    public static JsonElement Null { get; } = JsonSerializer.SerializeToElement<object?>(null);

    public static JsonElement True { get; } = JsonSerializer.SerializeToElement(true);

    public static JsonElement False { get; } = JsonSerializer.SerializeToElement(false);

    public static JsonElement Of(bool value) => value ? True : False;

    public static JsonElement Of(int index) => (uint)index < (uint)Indexes.Length ? Indexes[index] : JsonSerializer.SerializeToElement(index);
}

/// <summary>
/// A compiled expression of the Adaptive Cards Templating subset the cards use: property paths
/// (<c>a.b</c>, <c>$root.a</c>, <c>$data</c>, <c>$index</c>), literals (<c>'text'</c>, numbers, <c>true</c>,
/// <c>false</c>, <c>null</c>), <c>!</c>, <c>==</c>, <c>!=</c>, <c>&amp;&amp;</c>, <c>||</c> and parentheses.
/// A path naming a property the data does not have is an error, never silently empty: the renderers' start-up
/// self-test then catches a template that names the wrong property. Evaluated over the view model as a
/// <see cref="JsonElement"/> (serialised once, read in place); JSON null stands for a missing value.
/// </summary>
internal abstract class TemplateExpression
{
    private TemplateExpression(string text) => Text = text;

    /// <summary>The source text, for error messages.</summary>
    public string Text { get; }

    public abstract JsonElement Evaluate(in TemplateScope scope);

    /// <summary>Parses an expression; throws <see cref="FormatException"/> with the position of the problem.</summary>
    public static TemplateExpression Parse(string text) => new Parser(text).ParseAll();

    /// <summary>The truth of a value: null, false, 0, "" and [] are false; everything else is true.</summary>
    public static bool IsTruthy(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.GetArrayLength() > 0,
        JsonValueKind.False or JsonValueKind.Null or JsonValueKind.Undefined => false,
        JsonValueKind.String => !value.ValueEquals(ReadOnlySpan<byte>.Empty),
        JsonValueKind.Number => value.GetDouble() != 0,
        _ => true,
    };

    public static bool ValuesEqual(JsonElement a, JsonElement b)
    {
        var ka = a.ValueKind is JsonValueKind.Undefined ? JsonValueKind.Null : a.ValueKind;
        var kb = b.ValueKind is JsonValueKind.Undefined ? JsonValueKind.Null : b.ValueKind;
        if (ka == JsonValueKind.Null || kb == JsonValueKind.Null)
        {
            return ka == kb;
        }

        if (ka == JsonValueKind.Number && kb == JsonValueKind.Number)
        {
            return a.GetDouble() == b.GetDouble();
        }

        if (ka == JsonValueKind.String && kb == JsonValueKind.String)
        {
            return a.ValueEquals(b.GetString());
        }

        return JsonElement.DeepEquals(a, b);
    }

    private sealed class Literal(string text, JsonElement value) : TemplateExpression(text)
    {
        public override JsonElement Evaluate(in TemplateScope scope) => value;
    }

    private sealed class Not(string text, TemplateExpression operand) : TemplateExpression(text)
    {
        public override JsonElement Evaluate(in TemplateScope scope) => TemplateValues.Of(!IsTruthy(operand.Evaluate(scope)));
    }

    private sealed class Binary(string text, string op, TemplateExpression left, TemplateExpression right) : TemplateExpression(text)
    {
        public override JsonElement Evaluate(in TemplateScope scope) => TemplateValues.Of(op switch
        {
            "&&" => IsTruthy(left.Evaluate(scope)) && IsTruthy(right.Evaluate(scope)),
            "||" => IsTruthy(left.Evaluate(scope)) || IsTruthy(right.Evaluate(scope)),
            "==" => ValuesEqual(left.Evaluate(scope), right.Evaluate(scope)),
            _ => !ValuesEqual(left.Evaluate(scope), right.Evaluate(scope)),
        });
    }

    private sealed class PropertyPath(string text, IReadOnlyList<string> segments) : TemplateExpression(text)
    {
        // the names as UTF-8, as the data holds them
        private readonly byte[][] names = [.. segments.Select(System.Text.Encoding.UTF8.GetBytes)];

        public override JsonElement Evaluate(in TemplateScope scope)
        {
            JsonElement current;
            var first = 1;
            switch (segments[0])
            {
                case "$root": current = scope.Root; break;
                case "$data": current = scope.Data; break;
                case "$index": current = TemplateValues.Of(scope.Index); break;
                default: current = scope.Data; first = 0; break;
            }

            for (var i = first; i < segments.Count; i++)
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(names[i], out current))
                {
                    throw new TemplateBindingException($"'{Text}': the data has no property '{segments[i]}'.");
                }
            }

            return current;
        }
    }

    private sealed class Parser(string text)
    {
        private int pos;

        public TemplateExpression ParseAll()
        {
            var e = ParseOr();
            SkipSpace();
            if (pos < text.Length)
            {
                throw Error($"unexpected '{text[pos]}'");
            }

            return e;
        }

        private TemplateExpression ParseOr()
        {
            var start = Mark();
            var left = ParseAnd();
            while (Accept("||"))
            {
                left = new Binary(Slice(start), "||", left, ParseAnd());
            }

            return left;
        }

        private TemplateExpression ParseAnd()
        {
            var start = Mark();
            var left = ParseEquality();
            while (Accept("&&"))
            {
                left = new Binary(Slice(start), "&&", left, ParseEquality());
            }

            return left;
        }

        private TemplateExpression ParseEquality()
        {
            var start = Mark();
            var left = ParseUnary();
            while (true)
            {
                if (Accept("=="))
                {
                    left = new Binary(Slice(start), "==", left, ParseUnary());
                }
                else if (Accept("!="))
                {
                    left = new Binary(Slice(start), "!=", left, ParseUnary());
                }
                else
                {
                    return left;
                }
            }
        }

        private TemplateExpression ParseUnary()
        {
            var start = Mark();
            if (Peek("!") && !Peek("!="))
            {
                pos++;
                var operand = ParseUnary();
                return new Not(Slice(start), operand);
            }

            return ParsePrimary();
        }

        private TemplateExpression ParsePrimary()
        {
            SkipSpace();
            if (pos >= text.Length)
            {
                throw Error("expected a value");
            }

            var start = pos;
            var c = text[pos];
            if (c == '(')
            {
                pos++;
                var inner = ParseOr();
                if (!Accept(")"))
                {
                    throw Error("expected ')'");
                }

                return inner;
            }

            if (c is '\'' or '"')
            {
                var end = text.IndexOf(c, pos + 1);
                if (end < 0)
                {
                    throw Error("unterminated string");
                }

                var value = text.Substring(pos + 1, end - pos - 1);
                pos = end + 1;
                return new Literal(text[start..pos], JsonSerializer.SerializeToElement(value));
            }

            if (char.IsAsciiDigit(c) || (c == '-' && pos + 1 < text.Length && char.IsAsciiDigit(text[pos + 1])))
            {
                pos++;
                while (pos < text.Length && (char.IsAsciiDigit(text[pos]) || text[pos] == '.'))
                {
                    pos++;
                }

                var number = text[start..pos];
                if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                {
                    throw Error($"bad number '{number}'");
                }

                return new Literal(number, JsonSerializer.SerializeToElement(d));
            }

            if (IsIdentStart(c))
            {
                var segments = new List<string> { ReadIdent() };
                while (pos < text.Length && text[pos] == '.')
                {
                    pos++;
                    if (pos >= text.Length || !IsIdentStart(text[pos]))
                    {
                        throw Error("expected a property name after '.'");
                    }

                    segments.Add(ReadIdent());
                }

                var path = text[start..pos];
                if (segments.Count == 1)
                {
                    switch (segments[0])
                    {
                        case "true": return new Literal(path, TemplateValues.True);
                        case "false": return new Literal(path, TemplateValues.False);
                        case "null": return new Literal(path, TemplateValues.Null);
                    }
                }

                if (segments.Skip(1).Any(s => s.StartsWith('$')))
                {
                    throw Error($"'{path}': only the first name of a path may start with '$'");
                }

                if (segments[0].StartsWith('$') && segments[0] is not ("$root" or "$data" or "$index"))
                {
                    throw Error($"unknown name '{segments[0]}' (use $root, $data or $index)");
                }

                return new PropertyPath(path, segments);
            }

            throw Error($"unexpected '{c}'");
        }

        private static bool IsIdentStart(char c) => char.IsAsciiLetter(c) || c is '_' or '$';

        private string ReadIdent()
        {
            var start = pos++;
            while (pos < text.Length && (char.IsAsciiLetterOrDigit(text[pos]) || text[pos] == '_'))
            {
                pos++;
            }

            return text[start..pos];
        }

        private int Mark()
        {
            SkipSpace();
            return pos;
        }

        private string Slice(int start) => text[start..Math.Min(pos, text.Length)].Trim();

        private bool Peek(string token)
        {
            SkipSpace();
            return string.CompareOrdinal(text, pos, token, 0, token.Length) == 0;
        }

        private bool Accept(string token)
        {
            if (!Peek(token))
            {
                return false;
            }

            pos += token.Length;
            return true;
        }

        private void SkipSpace()
        {
            while (pos < text.Length && char.IsWhiteSpace(text[pos]))
            {
                pos++;
            }
        }

        private FormatException Error(string message) => new($"{message} at position {pos + 1} of '{text}'");
    }
}
