using System.Text.RegularExpressions;

namespace CommsBot.Guidelines.Text;

/// <summary>
/// Tells a draft written mostly in another language from an English one, by its function words ("the", "and", "is"
/// against "el", "que", "não", "und"): the checks read English (the rules' phrases, the lexical heads and the
/// embedding table all are), so a Spanish draft gets a notice that they may miss what is in it, not a quiet "ready".
/// A draft that mixes in a few words of another language, names, hashtags and emoji is English here.
/// </summary>
public static partial class DraftLanguage
{
    /// <summary>A draft needs this many words before its language is judged: "Gracias, equipo!" says too little.</summary>
    public const int MinWords = 8;

    private static readonly HashSet<string> English = new(
        ["the", "a", "an", "and", "or", "but", "to", "of", "in", "on", "at", "for", "with", "is", "are", "was", "were", "be", "this", "that",
         "it", "you", "we", "our", "my", "i", "your", "they", "their", "not", "no", "have", "has", "from", "so", "just", "all", "what", "if", "as", "by", "me", "us"],
        StringComparer.Ordinal);

    // each language's commonest function words that are not also English ones ("a", "no", "as", "in", "me" and "is" are left out)
    private static readonly (string Name, HashSet<string> Words)[] Others =
    [
        ("Spanish", new(["el", "la", "los", "las", "y", "que", "de", "del", "en", "es", "un", "una", "por", "para", "con", "pero", "muy", "su", "sus", "nuestro", "nuestra", "hoy", "mi", "mis", "se", "lo", "al", "este", "esta", "gracias", "porque", "también", "más", "está", "están", "hay"], StringComparer.Ordinal)),
        ("Portuguese", new(["o", "os", "e", "que", "de", "do", "da", "dos", "das", "em", "na", "um", "uma", "por", "para", "com", "mas", "muito", "seu", "sua", "nosso", "nossa", "hoje", "meu", "minha", "não", "é", "são", "está", "obrigado", "obrigada", "também", "mais", "pra", "você"], StringComparer.Ordinal)),
        ("French", new(["le", "la", "les", "et", "que", "de", "du", "des", "en", "est", "un", "une", "pour", "avec", "mais", "très", "son", "sa", "ses", "notre", "nos", "aujourd'hui", "mon", "ma", "je", "nous", "vous", "ce", "cette", "merci", "aussi", "plus", "pas", "sont"], StringComparer.Ordinal)),
        ("German", new(["der", "die", "das", "und", "ist", "sind", "ein", "eine", "mit", "für", "auf", "nicht", "auch", "wir", "ich", "unser", "unsere", "heute", "mein", "meine", "sehr", "aber", "zu", "den", "dem", "des", "von", "im", "es", "sie", "danke"], StringComparer.Ordinal)),
        ("Italian", new(["il", "lo", "la", "gli", "le", "e", "che", "di", "del", "della", "è", "un", "una", "per", "con", "ma", "molto", "nostro", "nostra", "oggi", "mio", "mia", "non", "sono", "anche", "più", "grazie", "questo", "questa"], StringComparer.Ordinal)),
    ];

    /// <summary>The language the draft is mostly written in when that is not English (e.g. "Spanish"); null when it is
    /// English, too short to tell, or a language this does not know (it then reads as English, as before).</summary>
    public static string? NotEnglish(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        foreach (Match m in Word().Matches(text))
        {
            words.Add(m.Value.ToLowerInvariant());
        }

        if (words.Count < MinWords)
        {
            return null;
        }

        var english = words.Count(English.Contains);
        var best = (Name: (string?)null, Count: 0);
        foreach (var (name, set) in Others)
        {
            var count = words.Count(set.Contains);
            if (count > best.Count)
            {
                best = (name, count);
            }
        }

        // mostly the other language's small words, and at least twice as many of them as English ones: a post in
        // English with "gracias" and "¡Vamos!" stays English
        return best.Count >= 4 && best.Count * 5 >= words.Count && best.Count >= 2 * english ? best.Name : null;
    }

    /// <summary>The notice a review carries for a draft not in English; null for an English one.</summary>
    public static string? Notice(string text) =>
        NotEnglish(text) is { } language
            ? $"This draft looks like it is written in {language}. CommsBot's checks read English, so they may miss a problem in it: have someone who reads {language} check it against the guidelines too."
            : null;

    [GeneratedRegex(@"[\p{L}][\p{L}']*", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
