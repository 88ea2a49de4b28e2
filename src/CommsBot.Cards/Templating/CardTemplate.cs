using System.Globalization;
using System.Text.Encodings.Web;
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
/// Binding writes the card with a JSON writer, straight from the compiled template and the data, so every bound
/// string is escaped by the writer: no bound value can change the card's structure.
/// </summary>
internal sealed class CardTemplate
{
    private const string DataKey = "$data";
    private const string WhenKey = "$when";
    private const string SpliceKey = "$splice";

    /// <summary>How cards are written: strings JSON-escaped and nothing more (<see cref="CardJson.Output"/>).</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly JsonNode root;
    private readonly Dictionary<string, Segment[]> compiled = new(StringComparer.Ordinal);
    private ObjectPart plan = null!;

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

        if (node is not JsonObject obj)
        {
            errors.Add($"{name}: the template must be a JSON object.");
            return null;
        }

        var template = new CardTemplate(name, node);
        var before = errors.Count;
        template.Compile(node, errors);
        if (errors.Count != before)
        {
            return null;
        }

        template.plan = template.Plan(obj);
        return template;
    }

    /// <summary>Binds the template to data (a JSON tree of the view model) and returns the card as a tree.</summary>
    public JsonNode Bind(JsonNode? data) => Build(JsonSerializer.SerializeToElement(data));

    /// <summary>Binds the template to data (the view model serialised once) and builds the card as a tree, for the
    /// channels that assemble a message from several cards (Slack's blocks, nudges): no text is written and parsed
    /// again. The tree serialises to the same text <see cref="Write"/> returns.</summary>
    public JsonObject Build(JsonElement data)
    {
        var scope = new TemplateScope(data, data, 0);
        try
        {
            if (!plan.TryEnter(scope, out var inner))
            {
                throw new TemplateBindingException("the whole card was removed by its $when.");
            }

            return plan.BuildBody(inner);
        }
        catch (TemplateBindingException ex)
        {
            throw new CardTemplateException($"Card template '{Name}' could not be bound: {ex.Message}", ex);
        }
    }

    /// <summary>Binds the template to data (the view model serialised once) and returns the card's JSON text as the
    /// channel receives it (<see cref="CardJson.Output"/>).</summary>
    public string Write(JsonElement data)
    {
        var buffer = WriteBuffer.Rent();
        try
        {
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                var scope = new TemplateScope(data, data, 0);
                try
                {
                    if (!plan.TryEnter(scope, out var inner))
                    {
                        throw new TemplateBindingException("the whole card was removed by its $when.");
                    }

                    plan.WriteBody(writer, inner);
                }
                catch (TemplateBindingException ex)
                {
                    throw new CardTemplateException($"Card template '{Name}' could not be bound: {ex.Message}", ex);
                }
            }

            return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        finally
        {
            WriteBuffer.Return(buffer);
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

    /// <summary>The template as parts that write themselves: built once, after <see cref="Compile"/> found no problem.</summary>
    private Part Plan(JsonNode? node) => node switch
    {
        JsonObject obj => Plan(obj),
        JsonArray array => new ArrayPart([.. array.Select(Plan)]),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => PlanString(value.GetValue<string>()),
        _ => new RawPart(node?.DeepClone()),
    };

    private ObjectPart Plan(JsonObject obj)
    {
        var properties = new List<(JsonEncodedText, string, Part)>();
        foreach (var (key, value) in obj)
        {
            if (key is not (DataKey or WhenKey or SpliceKey))
            {
                properties.Add((JsonEncodedText.Encode(key, WriterOptions.Encoder), key, Plan(value)));
            }
        }

        return new ObjectPart(
            obj.TryGetPropertyValue(DataKey, out var data) ? Single(data) : null,
            obj.TryGetPropertyValue(WhenKey, out var when) ? Single(when) : null,
            obj.TryGetPropertyValue(SpliceKey, out var splice) ? (ArrayPart)Plan(splice) : null,
            [.. properties]);
    }

    private Part PlanString(string text)
    {
        if (!compiled.TryGetValue(text, out var segments))
        {
            return new StringPart(JsonEncodedText.Encode(text, WriterOptions.Encoder), text);
        }

        return segments is [{ Expression: { } whole }] ? new ValuePart(whole) : new InterpolatedPart(segments);
    }

    private TemplateExpression Single(JsonNode? node) => compiled[node!.GetValue<string>()][0].Expression!;

    private static string ToText(TemplateExpression expression, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetDouble().ToString(CultureInfo.InvariantCulture),
        JsonValueKind.Object or JsonValueKind.Array => throw new TemplateBindingException($"'{expression.Text}' is an object or array and cannot be part of a string."),
        _ => "",
    };

    /// <summary>A compiled piece of the template that writes its bound JSON.</summary>
    private abstract class Part
    {
        public abstract void Write(Utf8JsonWriter writer, in TemplateScope scope);

        /// <summary>Writes this part as an item of an array: an object may repeat ($data over an array), drop out
        /// ($when) or stand for several items ($splice).</summary>
        public virtual void WriteItem(Utf8JsonWriter writer, in TemplateScope scope) => Write(writer, scope);

        /// <summary>Builds this part as a node (what <see cref="Write"/> writes).</summary>
        public abstract JsonNode? Build(in TemplateScope scope);

        /// <summary>Builds this part as items of <paramref name="target"/> (what <see cref="WriteItem"/> writes).</summary>
        public virtual void BuildItem(JsonArray target, in TemplateScope scope) => target.Add(Build(scope));
    }

    /// <summary>An object, with its <c>$data</c> (a new scope, or a repeat in an array), <c>$when</c> and
    /// <c>$splice</c>.</summary>
    private sealed class ObjectPart(TemplateExpression? data, TemplateExpression? when, ArrayPart? splice, (JsonEncodedText Encoded, string Name, Part Value)[] properties) : Part
    {
        /// <summary>The object's scope, and false when its <c>$when</c> removes it.</summary>
        public bool TryEnter(in TemplateScope scope, out TemplateScope inner)
        {
            inner = data is null ? scope : scope with { Data = data.Evaluate(scope) };
            return Kept(inner);
        }

        public override void Write(Utf8JsonWriter writer, in TemplateScope scope)
        {
            // a removed object that cannot be left out is an empty object, as the tree binder made it (not reached:
            // property values and array items are left out instead)
            if (TryEnter(scope, out var inner))
            {
                WriteBody(writer, inner);
            }
            else
            {
                writer.WriteStartObject();
                writer.WriteEndObject();
            }
        }

        public override void WriteItem(Utf8JsonWriter writer, in TemplateScope scope)
        {
            if (data is null)
            {
                WriteKeptItem(writer, scope);
                return;
            }

            var value = data.Evaluate(scope);
            if (value.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    WriteKeptItem(writer, new TemplateScope(item, scope.Root, i++));
                }

                return;
            }

            WriteKeptItem(writer, scope with { Data = value });
        }

        public override JsonNode Build(in TemplateScope scope) => TryEnter(scope, out var inner) ? BuildBody(inner) : new JsonObject();

        public override void BuildItem(JsonArray target, in TemplateScope scope)
        {
            if (data is null)
            {
                BuildKeptItem(target, scope);
                return;
            }

            var value = data.Evaluate(scope);
            if (value.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    BuildKeptItem(target, new TemplateScope(item, scope.Root, i++));
                }

                return;
            }

            BuildKeptItem(target, scope with { Data = value });
        }

        public JsonObject BuildBody(in TemplateScope scope)
        {
            var obj = new JsonObject();
            foreach (var (_, name, value) in properties)
            {
                if (value is ObjectPart child)
                {
                    if (child.TryEnter(scope, out var childScope))
                    {
                        obj[name] = child.BuildBody(childScope);
                    }

                    continue;
                }

                obj[name] = value.Build(scope);
            }

            return obj;
        }

        public void WriteBody(Utf8JsonWriter writer, in TemplateScope scope)
        {
            writer.WriteStartObject();
            foreach (var (name, _, value) in properties)
            {
                if (value is ObjectPart child)
                {
                    // an object-valued property may carry its own $data (a new scope) and $when (drops the property)
                    if (child.TryEnter(scope, out var childScope))
                    {
                        writer.WritePropertyName(name);
                        child.WriteBody(writer, childScope);
                    }

                    continue;
                }

                writer.WritePropertyName(name);
                value.Write(writer, scope);
            }

            writer.WriteEndObject();
        }

        private bool Kept(in TemplateScope scope) => when is null || TemplateExpression.IsTruthy(when.Evaluate(scope));

        private void BuildKeptItem(JsonArray target, in TemplateScope scope)
        {
            if (!Kept(scope))
            {
                return;
            }

            if (splice is not null)
            {
                splice.BuildItems(target, scope);
                return;
            }

            target.Add(BuildBody(scope));
        }

        private void WriteKeptItem(Utf8JsonWriter writer, in TemplateScope scope)
        {
            if (!Kept(scope))
            {
                return;
            }

            if (splice is not null)
            {
                splice.WriteItems(writer, scope);
                return;
            }

            WriteBody(writer, scope);
        }
    }

    private sealed class ArrayPart(Part[] items) : Part
    {
        public override void Write(Utf8JsonWriter writer, in TemplateScope scope)
        {
            writer.WriteStartArray();
            WriteItems(writer, scope);
            writer.WriteEndArray();
        }

        public void WriteItems(Utf8JsonWriter writer, in TemplateScope scope)
        {
            foreach (var item in items)
            {
                item.WriteItem(writer, scope);
            }
        }

        public override JsonNode Build(in TemplateScope scope)
        {
            var array = new JsonArray();
            BuildItems(array, scope);
            return array;
        }

        public void BuildItems(JsonArray target, in TemplateScope scope)
        {
            foreach (var item in items)
            {
                item.BuildItem(target, scope);
            }
        }
    }

    /// <summary>A string without expressions, encoded once.</summary>
    private sealed class StringPart(JsonEncodedText text, string raw) : Part
    {
        public override void Write(Utf8JsonWriter writer, in TemplateScope scope) => writer.WriteStringValue(text);

        public override JsonNode Build(in TemplateScope scope) => JsonValue.Create(raw);
    }

    /// <summary>A number, boolean or null of the template, as written there.</summary>
    private sealed class RawPart(JsonNode? value) : Part
    {
        public override void Write(Utf8JsonWriter writer, in TemplateScope scope)
        {
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                value.WriteTo(writer);
            }
        }

        public override JsonNode? Build(in TemplateScope scope) => value?.DeepClone();
    }

    /// <summary>A string that is exactly one expression: the value keeps its own JSON type.</summary>
    private sealed class ValuePart(TemplateExpression expression) : Part
    {
        public override void Write(Utf8JsonWriter writer, in TemplateScope scope) => expression.Evaluate(scope).WriteTo(writer);

        // the bound value wraps the data's element (no text written and parsed); it writes itself as Write does
        public override JsonNode? Build(in TemplateScope scope) => expression.Evaluate(scope) switch
        {
            { ValueKind: JsonValueKind.Object } e => JsonObject.Create(e),
            { ValueKind: JsonValueKind.Array } e => JsonArray.Create(e),
            { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
            var e => JsonValue.Create(e),
        };
    }

    /// <summary>A string with expressions in it: the values as text.</summary>
    private sealed class InterpolatedPart(Segment[] segments) : Part
    {
        public override void Write(Utf8JsonWriter writer, in TemplateScope scope) => writer.WriteStringValue(Text(scope));

        public override JsonNode Build(in TemplateScope scope) => JsonValue.Create(Text(scope));

        private string Text(in TemplateScope scope)
        {
            var builder = new System.Text.StringBuilder();
            foreach (var segment in segments)
            {
                builder.Append(segment.Expression is { } e ? ToText(e, e.Evaluate(scope)) : segment.Literal);
            }

            return builder.ToString();
        }
    }

    /// <summary>One buffer per thread for the card being written (cards are written whole, one at a time).</summary>
    private static class WriteBuffer
    {
        [ThreadStatic]
        private static System.Buffers.ArrayBufferWriter<byte>? cached;

        public static System.Buffers.ArrayBufferWriter<byte> Rent()
        {
            var buffer = cached ?? new System.Buffers.ArrayBufferWriter<byte>(16 * 1024);
            cached = null;
            return buffer;
        }

        public static void Return(System.Buffers.ArrayBufferWriter<byte> buffer)
        {
            if (buffer.Capacity <= 256 * 1024)
            {
                buffer.ResetWrittenCount();
                cached = buffer;
            }
        }
    }

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
