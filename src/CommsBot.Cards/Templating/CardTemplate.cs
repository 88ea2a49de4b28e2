using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CommsBot.Cards.Templating;

/// <summary>
/// One JSON template in the Adaptive Cards Templating language, compiled once and bound many times.
/// The subset: <c>${expr}</c> in string values (a string that is exactly one <c>${expr}</c> takes the value's own
/// JSON type, so objects, arrays and booleans bind whole); <c>$data</c> on an object (over an array it repeats the
/// object in the enclosing array, with each item as <c>$data</c> and its position as <c>$index</c>; over anything
/// else it changes the scope); <c>$when</c> (a false condition removes the object, or the property it is the value
/// of). One extension, for Block Kit: an object <c>{"$splice": [...]}</c> inside an array is replaced by its bound
/// items, so one repeat or condition can yield several blocks.
/// Binding builds a new <see cref="JsonNode"/> tree, so every bound string is escaped by the JSON writer: no bound
/// value can change the card's structure.
/// </summary>
internal sealed class CardTemplate
{
    private const string DataKey = "$data";
    private const string WhenKey = "$when";
    private const string SpliceKey = "$splice";

    private readonly JsonNode root;
    private readonly Dictionary<string, Segment[]> compiled = new(StringComparer.Ordinal);

    private CardTemplate(string name, JsonNode root)
    {
        Name = name;
        this.root = root;
    }

    /// <summary>The template's file name relative to the cards folder (for messages).</summary>
    public string Name { get; }

    /// <summary>The parsed template, unbound (for validation).</summary>
    public JsonNode Root => root;

    /// <summary>Parses and compiles a template, listing every problem found (empty when it is good).</summary>
    public static CardTemplate? TryCompile(string name, string json, List<string> errors)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            errors.Add($"{name}: invalid JSON at line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}: {FirstLine(ex.Message)}");
            return null;
        }

        if (node is not JsonObject)
        {
            errors.Add($"{name}: the template must be a JSON object.");
            return null;
        }

        var template = new CardTemplate(name, node);
        var before = errors.Count;
        template.Compile(node, errors);
        return errors.Count == before ? template : null;
    }

    /// <summary>Binds the template to data (a JSON tree of the view model).</summary>
    public JsonNode Bind(JsonNode? data)
    {
        var scope = new TemplateScope(data, data, 0);
        try
        {
            return BindNode(root, scope, out var keep) is { } bound && keep
                ? bound
                : throw new TemplateBindingException("the whole card was removed by its $when.");
        }
        catch (TemplateBindingException ex)
        {
            throw new CardTemplateException($"Card template '{Name}' could not be bound: {ex.Message}", ex);
        }
    }

    private void Compile(JsonNode? node, List<string> errors, string path = "$")
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    var childPath = $"{path}.{key}";
                    if (key is DataKey or WhenKey && !IsSingleExpression(value))
                    {
                        errors.Add($"{Name}: {childPath} must be a string that is exactly one ${{...}} expression.");
                        continue;
                    }

                    if (key == SpliceKey && value is not JsonArray)
                    {
                        errors.Add($"{Name}: {childPath} must be an array.");
                        continue;
                    }

                    Compile(value, errors, childPath);
                }

                if (obj.ContainsKey(SpliceKey) && (obj.Parent is not JsonArray || obj.Any(p => p.Key is not (SpliceKey or DataKey or WhenKey))))
                {
                    errors.Add($"{Name}: {path}: a $splice object must be an array item with no properties besides $data and $when.");
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Compile(array[i], errors, $"{path}[{i}]");
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                if (text.Contains("${", StringComparison.Ordinal) && !compiled.ContainsKey(text))
                {
                    try
                    {
                        compiled[text] = Segment.Parse(text);
                    }
                    catch (FormatException ex)
                    {
                        errors.Add($"{Name}: {path}: {ex.Message}");
                    }
                }

                break;
        }
    }

    private static bool IsSingleExpression(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is var s
        && s.StartsWith("${", StringComparison.Ordinal) && s.EndsWith('}')
        && Segment.TryParse(s) is [{ Expression: not null }];

    private JsonNode? BindNode(JsonNode? node, TemplateScope scope, out bool keep)
    {
        keep = true;
        switch (node)
        {
            case JsonObject obj:
                if (obj.TryGetPropertyValue(DataKey, out var dataExpr))
                {
                    scope = scope with { Data = Single(dataExpr).Evaluate(scope) };
                }

                return BindObject(obj, scope, out keep);
            case JsonArray array:
                var result = new JsonArray();
                foreach (var item in array)
                {
                    BindArrayItem(item, scope, result);
                }

                return result;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return BindString(value.GetValue<string>(), scope);
            default:
                return node?.DeepClone();
        }
    }

    private void BindArrayItem(JsonNode? item, TemplateScope scope, JsonArray result)
    {
        if (item is JsonObject obj && obj.TryGetPropertyValue(DataKey, out var dataExpr))
        {
            var data = Single(dataExpr).Evaluate(scope);
            if (data is JsonArray items)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    AddBound(obj, new TemplateScope(items[i], scope.Root, i), result);
                }

                return;
            }

            AddBound(obj, scope with { Data = data }, result);
            return;
        }

        if (item is JsonObject plain)
        {
            AddBound(plain, scope, result);
            return;
        }

        result.Add(BindNode(item, scope, out _));
    }

    private void AddBound(JsonObject obj, TemplateScope scope, JsonArray result)
    {
        var bound = BindObject(obj, scope, out var keep);
        if (!keep)
        {
            return;
        }

        if (obj.ContainsKey(SpliceKey))
        {
            var items = bound["splice"]!.AsArray();
            while (items.Count > 0)
            {
                var first = items[0];
                items.RemoveAt(0);
                result.Add(first);
            }

            return;
        }

        result.Add(bound);
    }

    private JsonObject BindObject(JsonObject obj, TemplateScope scope, out bool keep)
    {
        keep = !obj.TryGetPropertyValue(WhenKey, out var when) || TemplateExpression.IsTruthy(Single(when).Evaluate(scope));
        var result = new JsonObject();
        if (!keep)
        {
            return result;
        }

        foreach (var (key, value) in obj)
        {
            switch (key)
            {
                case DataKey or WhenKey:
                    continue;
                case SpliceKey:
                    result["splice"] = BindNode(value, scope, out _);
                    continue;
            }

            if (value is JsonObject child)
            {
                // An object-valued property may carry its own $data (a new scope) and $when (drops the property).
                var childScope = child.TryGetPropertyValue(DataKey, out var childData) ? scope with { Data = Single(childData).Evaluate(scope) } : scope;
                var boundChild = BindObject(child, childScope, out var keepChild);
                if (keepChild)
                {
                    result[key] = boundChild;
                }

                continue;
            }

            result[key] = BindNode(value, scope, out _);
        }

        return result;
    }

    private JsonNode? BindString(string text, TemplateScope scope)
    {
        if (!compiled.TryGetValue(text, out var segments))
        {
            return JsonValue.Create(text);
        }

        if (segments is [{ Expression: { } whole }])
        {
            return whole.Evaluate(scope)?.DeepClone();
        }

        var builder = new System.Text.StringBuilder();
        foreach (var segment in segments)
        {
            builder.Append(segment.Expression is { } e ? ToText(e, e.Evaluate(scope)) : segment.Literal);
        }

        return JsonValue.Create(builder.ToString());
    }

    private TemplateExpression Single(JsonNode? node) => compiled[node!.GetValue<string>()][0].Expression!;

    private static string ToText(TemplateExpression expression, JsonNode? value) => value switch
    {
        null => "",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => v.GetValue<double>().ToString(CultureInfo.InvariantCulture),
            _ => "",
        },
        _ => throw new TemplateBindingException($"'{expression.Text}' is an object or array and cannot be part of a string."),
    };

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    /// <summary>A piece of a template string: literal text or an expression.</summary>
    private sealed record Segment(string Literal, TemplateExpression? Expression)
    {
        public static Segment[] Parse(string text)
        {
            var segments = new List<Segment>();
            var pos = 0;
            while (pos < text.Length)
            {
                var open = text.IndexOf("${", pos, StringComparison.Ordinal);
                if (open < 0)
                {
                    segments.Add(new Segment(text[pos..], null));
                    break;
                }

                if (open > pos)
                {
                    segments.Add(new Segment(text[pos..open], null));
                }

                var close = FindClose(text, open + 2);
                if (close < 0)
                {
                    throw new FormatException($"'${{' at position {open + 1} has no closing '}}'");
                }

                segments.Add(new Segment("", TemplateExpression.Parse(text[(open + 2)..close])));
                pos = close + 1;
            }

            return [.. segments];
        }

        public static Segment[]? TryParse(string text)
        {
            try
            {
                return Parse(text);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        private static int FindClose(string text, int from)
        {
            char? quote = null;
            for (var i = from; i < text.Length; i++)
            {
                var c = text[i];
                if (quote is { } q)
                {
                    if (c == q)
                    {
                        quote = null;
                    }
                }
                else if (c is '\'' or '"')
                {
                    quote = c;
                }
                else if (c == '}')
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
