using System.Reflection;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CommsBot.Guidelines.Pack;

/// <summary>Reads a pack's YAML into its document shape: the embedded default pack, or an institution's file.
/// Problems are added to the error list, not thrown, so that every one is reported at once.</summary>
internal static class RulePackReader
{
    public static string ReadDefault()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CommsBot.Guidelines.default-pack.yaml")
            ?? throw new RulePackException("The embedded default pack is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Reads and parses the file at <paramref name="path"/>; null when it is missing, unreadable or not a pack.</summary>
    public static RulePackDocument? ReadFile(string path, List<RulePackError> errors)
    {
        if (!File.Exists(path))
        {
            errors.Add(new RulePackError(path, null, "file not found"));
            return null;
        }

        string yaml;
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(new RulePackError(path, null, $"cannot be read: {e.Message}"));
            yaml = "";
        }

        return Parse(yaml, path, errors);
    }

    public static RulePackDocument? Parse(string yaml, string file, List<RulePackError> errors)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .WithNodeDeserializer(new ScalarExampleDeserializer(), s => s.OnTop())
            .Build();
        try
        {
            return deserializer.Deserialize<RulePackDocument>(yaml) ?? new RulePackDocument();
        }
        catch (YamlException e)
        {
            var inner = e.InnerException?.Message;
            errors.Add(new RulePackError(file, null, $"line {e.Start.Line}, column {e.Start.Column}: {e.Message}{(inner is null ? "" : " " + inner)}"));
            return null;
        }
    }

    /// <summary>Lets an example be a plain string as well as a map with text, account and platform.</summary>
    private sealed class ScalarExampleDeserializer : INodeDeserializer
    {
        public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer, out object? value, ObjectDeserializer rootDeserializer)
        {
            if (expectedType == typeof(ExampleDocument) && reader.Accept<Scalar>(out var scalar))
            {
                reader.MoveNext();
                value = new ExampleDocument { Text = scalar.Value };
                return true;
            }

            value = null;
            return false;
        }
    }
}
