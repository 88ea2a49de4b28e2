using System.Text.RegularExpressions;

namespace CommsBot.Guidelines.Fixes;

/// <summary>
/// <c>replace</c> and <c>generalize</c>: each matched part is replaced by the pack's replacement for its text
/// (lower-cased) or, failing that, for its group; a part that names something (a capital letter or a digit: "St Mary's",
/// "Route 9", "7 cm") may have its own replacement, under <c>GROUP:named</c>; parts with none stay. Generalising
/// "62F" to "a patient" or "bed 12" to nothing keeps the story and drops the identifier. The edit reads as English:
/// "a 58M" becomes "a patient" (not "a a patient"), a removed "in bed 4" takes its preposition with it, and a word
/// that comes to start a sentence is capitalised.
/// </summary>
internal sealed partial class ReplaceFixer(string kind) : IFixer
{
    private static readonly string[] Articles = ["a", "an", "the", "this", "that", "our", "my"];
    private static readonly string[] Prepositions = ["in", "on", "at", "from", "into", "to", "of", "near", "by"];

    // Replacements that stand for a whole noun phrase: an article before the part goes with it ("a 58M" -> "a patient").
    private static readonly string[] WholePhrases = ["a", "an", "the", "someone", "somebody", "recently", "a patient", "[place]", "[detail]"];

    // Nouns that an age or sex shorthand qualifies: generalised together.
    private static readonly string[] PersonNouns = ["lad", "lass", "man", "woman", "boy", "girl", "guy", "kid", "gentleman", "lady", "male", "female", "patient", "chap", "bloke", "fella", "dude", "mum", "mom", "dad", "baby", "toddler", "infant", "teen", "teenager"];

    // Units of a counted time ("two years ago"): the count goes with them.
    private static readonly string[] Units = ["years", "months", "weeks", "days", "hours", "minutes", "yrs", "mos", "wks", "hrs"];

    // Counts before a generalised time ("two years ago" -> "recently", not "two recently").
    private static readonly string[] Counts = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "a", "few", "several", "couple"];

    public string Kind => kind;

    public SuggestedFix Suggest(FixRequest request)
    {
        var text = request.Text;
        var edits = new List<TextEdit>();
        foreach (var (group, span) in request.Finding.Parts.OrderBy(p => p.Span.Start))
        {
            if (span.End > text.Length)
            {
                continue;
            }

            // a part inside or across an edit already made (an article or preposition it took along) widens that edit
            var overlapping = edits.FindIndex(e => e.Span.Overlaps(span));
            if (overlapping >= 0)
            {
                var e = edits[overlapping];
                edits[overlapping] = new TextEdit(e.Span.Union(span), e.NewText);
                continue;
            }

            var matched = text.Substring(span.Start, span.Length);
            if (!request.Spec.Replacements.TryGetValue(matched.ToLowerInvariant(), out var replacement) &&
                !(Names(matched) && request.Spec.Replacements.TryGetValue(group + ":named", out replacement)) &&
                !request.Spec.Replacements.TryGetValue(group, out replacement))
            {
                continue;
            }

            // "the last night of the county fair" names a night of an event, not a time before now: "recently of the
            // county fair" is not English, and leaving it keeps what dates the story. Only the writer can retell it.
            if (replacement.Equals("recently", StringComparison.OrdinalIgnoreCase) && WordAfter(text, span.End) is { } following &&
                text.Substring(following.Start, following.Length).Equals("of", StringComparison.OrdinalIgnoreCase))
            {
                return SuggestedFix.Advice(request.Spec.Title);
            }

            var target = span;
            if (replacement.Length == 0)
            {
                // a removed "in bed 4" takes its preposition with it; then one of the spaces around it goes too
                var before = WordBefore(text, target.Start);
                if (before is { } b && Prepositions.Contains(text.Substring(b.Start, b.Length), StringComparer.OrdinalIgnoreCase))
                {
                    target = TextSpan.FromBounds(b.Start, target.End);
                }

                if (target.End < text.Length && text[target.End] == ' ')
                {
                    target = new TextSpan(target.Start, target.Length + 1);
                }
                else if (target.Start > 0 && text[target.Start - 1] == ' ')
                {
                    target = new TextSpan(target.Start - 1, target.Length + 1);
                }

                // the word that now starts a sentence is capitalised
                if (Sentences.StartAt(text, target.Start) && target.End < text.Length && char.IsLower(text[target.End]))
                {
                    target = new TextSpan(target.Start, target.Length + 1);
                    replacement = char.ToUpperInvariant(text[target.End - 1]).ToString();
                }
            }
            else
            {
                // "a 58M" -> "a patient": the replacement brings its own article
                var before = WordBefore(text, target.Start);
                var replacementHead = replacement.Split(' ', 2)[0];
                var beforeWord = before is { } w ? text.Substring(w.Start, w.Length) : "";
                var swallow = (Articles.Contains(replacementHead, StringComparer.OrdinalIgnoreCase) || WholePhrases.Contains(replacement, StringComparer.OrdinalIgnoreCase)) &&
                    Articles.Contains(beforeWord, StringComparer.OrdinalIgnoreCase);
                var countedUnit = replacement.Equals("recently", StringComparison.OrdinalIgnoreCase) && Units.Contains(matched.Split(' ', 2)[0], StringComparer.OrdinalIgnoreCase);
                swallow |= countedUnit && (Counts.Contains(beforeWord, StringComparer.OrdinalIgnoreCase) || (beforeWord.Length == 0 && DigitBefore(text, target.Start)));
                if (swallow && before is null && DigitBefore(text, target.Start))
                {
                    var start = target.Start - 1;
                    while (start > 0 && char.IsDigit(text[start - 1]))
                    {
                        start--;
                    }

                    target = TextSpan.FromBounds(start, target.End);
                }
                else if (swallow && before is { } b)
                {
                    var capital = char.IsUpper(text[b.Start]) || Sentences.StartAt(text, b.Start);
                    target = TextSpan.FromBounds(b.Start, target.End);
                    replacement = capital ? char.ToUpperInvariant(replacement[0]) + replacement[1..] : replacement;
                }
                else if ((Sentences.StartAt(text, target.Start) || (char.IsUpper(text[span.Start]) && before is null)) && char.IsLower(replacement[0]))
                {
                    replacement = char.ToUpperInvariant(replacement[0]) + replacement[1..];
                }
            }

            // "the 19-year-old lad" -> "a patient", not "a patient lad"
            if (replacement.EndsWith("patient", StringComparison.OrdinalIgnoreCase) && WordAfter(text, target.End) is { } next &&
                PersonNouns.Contains(text.Substring(next.Start, next.Length), StringComparer.OrdinalIgnoreCase))
            {
                target = TextSpan.FromBounds(target.Start, next.End);
            }
            else if (replacement.EndsWith("patient", StringComparison.OrdinalIgnoreCase) && AttributiveAge(text, span))
            {
                // "a 26-year-old nursing student" -> "a nursing student": the age qualifies a noun phrase the story needs,
                // so it goes alone ("a patient nursing student" is not English)
                target = new TextSpan(span.Start, span.Length + 1);
                replacement = "";
                if (Sentences.StartAt(text, span.Start))
                {
                    target = new TextSpan(span.Start, span.Length + 2);
                    replacement = char.ToUpperInvariant(text[target.End - 1]).ToString();
                }
            }

            edits.Add(new TextEdit(target, replacement));
        }

        return edits.Count == 0 ? SuggestedFix.Advice(request.Spec.Title) : new SuggestedFix(request.Spec.Title, edits);
    }

    /// <summary>Whether a matched part names something: a digit, or a capitalised word after its first ("Quincy",
    /// "St Mary's", "Route 9"); not a hashtag, and not an acronym alone ("ED", "NICU").</summary>
    internal static bool Names(string matched)
    {
        if (matched.StartsWith('#'))
        {
            return false;
        }

        if (matched.Any(char.IsDigit))
        {
            return true;
        }

        // a capitalised word (upper then lower case) that is not the part's first word, or the part's only word
        var words = matched.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        static bool Capitalised(string w) => w.Length > 1 && char.IsUpper(w[0]) && w.Skip(1).Any(char.IsLower);
        return words.Skip(1).Any(Capitalised) || (words.Length == 1 && Capitalised(words[0]));
    }

    /// <summary>The word just before <paramref name="index"/> (separated by one space), or null.</summary>
    private static TextSpan? WordBefore(string text, int index)
    {
        var end = index;
        if (end == 0 || text[end - 1] != ' ')
        {
            return null;
        }

        end--;
        var start = end;
        while (start > 0 && char.IsLetter(text[start - 1]))
        {
            start--;
        }

        return start < end ? TextSpan.FromBounds(start, end) : null;
    }

    /// <summary>The word just after <paramref name="index"/> (separated by one space), or null.</summary>
    private static TextSpan? WordAfter(string text, int index)
    {
        if (index >= text.Length || text[index] != ' ')
        {
            return null;
        }

        var start = index + 1;
        var end = start;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }

        return end > start ? TextSpan.FromBounds(start, end) : null;
    }

    /// <summary>Whether <paramref name="span"/> is an age written as an adjective after "a" ("a 26-year-old") before the noun it
    /// qualifies ("nursing student", "marathon runner"), not an age standing for the person ("a 26-year-old with chest
    /// pain", "a 26-year-old came in", "a 26-year-old presenting with ...").</summary>
    internal static bool AttributiveAge(string text, TextSpan span)
    {
        if (!AgeAdjective().IsMatch(text.AsSpan(span.Start, span.Length)) || WordAfter(text, span.End) is not { } next ||
            WordBefore(text, span.Start) is not { } article || text.Substring(article.Start, article.Length).ToLowerInvariant() is not ("a" or "an"))
        {
            // only after "a": "the 3-year-old twins from the crèche" keeps the old fix, whose "a patient" the re-check
            // still reads as the identifiable case it is
            return false;
        }

        var word = text.Substring(next.Start, next.Length);
        if (!char.IsLower(word[0]) || NotANoun.Contains(word) || word.EndsWith("ed", StringComparison.Ordinal) ||
            (next.End < text.Length && text[next.End] is not (' ' or ',' or '.' or '!' or '?' or ':' or ';' or '\n')))
        {
            return false;
        }

        // "nursing student", not "presenting with": a word in -ing is a noun's qualifier only when a noun follows it
        return !word.EndsWith("ing", StringComparison.Ordinal) ||
            (WordAfter(text, next.End) is { } then && char.IsLower(text[then.Start]) && !NotANoun.Contains(text.Substring(then.Start, then.Length)));
    }

    // Words after an age that show it stands for the person: prepositions, relatives, conjunctions, pronouns, verbs.
    private static readonly HashSet<string> NotANoun = new(
        ["with", "from", "in", "at", "on", "of", "for", "to", "after", "before", "who", "whom", "whose", "that", "which", "and", "or", "but", "was", "is",
         "has", "had", "have", "came", "comes", "come", "went", "goes", "got", "gets", "arrived", "presents", "died", "dies", "says", "said", "told", "asked",
         "walks", "walked", "needs", "needed", "wants", "left", "here", "there", "today", "yesterday", "tonight", "last", "this", "back", "again", "now", "i",
         "we", "he", "she", "they", "you", "it", "by", "into", "about", "over", "under", "still", "just", "also", "never", "finally"],
        StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"^\d{1,3}[- ](?:year|yr|month|mo|week|wk|day)s?[- ]old$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AgeAdjective();

    private static bool DigitBefore(string text, int index) => index >= 2 && text[index - 1] == ' ' && char.IsDigit(text[index - 2]);
}
