using CommsBot.Guidelines.Detection;

namespace CommsBot.Guidelines.Pack;

// The YAML shape of a rule pack. Every property is optional here: the compiler checks what is required, so that
// a broken pack gets every error listed at once rather than the first one YamlDotNet trips on.
#pragma warning disable CA2227, CA1002 // DTOs for the YAML deserializer

internal sealed class RulePackDocument
{
    public int? Version { get; set; }

    public string? Name { get; set; }

    public Dictionary<string, TermSetDocument>? Vocabularies { get; set; }

    /// <summary>Informal spellings read as their standard word when matching terms ("ur" as "your", "w/" as "with").</summary>
    public Dictionary<string, string>? Aliases { get; set; }

    /// <summary>The word lists the detectors read language by (negation cues, common words, speech verbs).</summary>
    public WordListsDocument? Words { get; set; }

    public List<RuleDocument>? Rules { get; set; }
}

internal sealed class WordListsDocument
{
    public List<string>? NegationCues { get; set; }

    public List<string>? CommonWords { get; set; }

    public List<string>? SpeechVerbs { get; set; }
}

internal sealed class TermSetDocument
{
    public List<string>? Terms { get; set; }

    public List<string>? Patterns { get; set; }
}

internal sealed class RuleDocument
{
    /// <summary>The file the rule (or its last override) came from, for error messages.</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    public string? SourceFile { get; set; }

    public string? Id { get; set; }

    public string? Title { get; set; }

    public string? Category { get; set; }

    public string? Severity { get; set; }

    public bool? Retired { get; set; }

    public string? Message { get; set; }

    public string? Rationale { get; set; }

    public string? Source { get; set; }

    public string? Help { get; set; }

    public SignalsOptions? Detector { get; set; }

    /// <summary>Rules whose findings make this rule's findings moot (levity that mocks a patient is not levity).</summary>
    public List<string>? SuppressedBy { get; set; }

    /// <summary>In an extension pack: phrases that, anywhere in the draft, keep the rule quiet.</summary>
    public List<string>? Exceptions { get; set; }

    /// <summary>In an extension pack: terms and patterns added to existing groups of the rule.</summary>
    public Dictionary<string, SignalGroupOptions>? Groups { get; set; }

    public FixDocument? Fix { get; set; }

    public ExamplesDocument? Examples { get; set; }
}

internal sealed class FixDocument
{
    public string? Kind { get; set; }

    public string? Title { get; set; }

    public string? Advice { get; set; }

    public string? Text { get; set; }

    public Dictionary<string, string>? Replacements { get; set; }
}

internal sealed class ExamplesDocument
{
    public List<ExampleDocument>? Fire { get; set; }

    public List<ExampleDocument>? Quiet { get; set; }
}

internal sealed class ExampleDocument
{
    public string? Text { get; set; }

    public string? Account { get; set; }

    public string? Platform { get; set; }
}
