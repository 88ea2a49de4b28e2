using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace CommsBot.Cli;

/// <summary>What is wrong with a token the parser could not place: an option that does not exist, or a command that
/// does not exist, with the nearest valid name when one is close enough to be what the user meant.</summary>
/// <param name="Message">The error, without the "commsbot COMMAND: " prefix. Names the token only when it looks like
/// an option or command name, never when it could be a piece of a draft.</param>
internal sealed record UnknownToken(string Message);

/// <summary>
/// Finds the first token that looks like an option but is none of the command's (<c>--platfrom</c>, <c>-x</c>), or a
/// misspelt command (<c>chek</c>). System.CommandLine takes such a token for the draft argument, or reports it as an
/// unexpected extra argument; a draft checked as "-x" would say "ready", which is worse than an error.
/// </summary>
internal static partial class UnknownTokens
{
    /// <summary>The first unknown option or command in <paramref name="parse"/> of <paramref name="args"/>, or null
    /// when there is none.</summary>
    public static UnknownToken? Find(ParseResult parse, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(args);
        var command = parse.CommandResult.Command;

        // "-platform" never reaches the tokens whole: the parser unbundles it into "-p" and the value "latform".
        foreach (var arg in args.TakeWhile(a => a != "--"))
        {
            if (arg.Length > 3 && arg[0] == '-' && arg[1] != '-' && OptionLike().IsMatch(arg))
            {
                var options = VisibleOptions(command).ToList();
                var longNames = options.Select(o => o.Name).Where(n => n.StartsWith("--", StringComparison.Ordinal));
                if (!options.Any(o => o.Aliases.Contains(arg)) && Nearest(arg, longNames, n => n.TrimStart('-')) is { } meant)
                {
                    return new UnknownToken($"unknown option '{arg}'. Did you mean '{meant}'?");
                }
            }
        }

        // Tokens an option took as its value ("--max-length -5") are not options themselves.
        var optionValues = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        CollectOptionValues(parse.RootCommandResult, optionValues);

        foreach (var token in parse.Tokens)
        {
            if (token.Type == TokenType.DoubleDash)
            {
                break; // everything after -- is an argument, whatever it starts with
            }

            if (token.Type != TokenType.Argument || optionValues.Contains(token))
            {
                continue;
            }

            if (token.Value.Length > 1 && token.Value[0] == '-')
            {
                return UnknownOption(token.Value, command);
            }

            if (command is RootCommand root)
            {
                return UnknownCommand(token.Value, root);
            }
        }

        return null;
    }

    /// <summary>Optimal string alignment distance: Levenshtein plus adjacent transpositions ("platfrom").</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    private static UnknownToken UnknownOption(string token, Command command)
    {
        // "--platfrom=x": the name is the part before the value.
        var name = token.Split('=', ':')[0];
        var hint = command.Arguments.Count > 0
            ? $" Put -- before an argument that starts with '-': commsbot {command.Name} -- {command.Arguments[0].Name}."
            : "";
        if (!OptionLike().IsMatch(name))
        {
            // Spaces and punctuation: a draft that starts with '-'. Do not echo it.
            return new UnknownToken($"an argument starts with '-' but is not an option.{hint}");
        }

        var options = VisibleOptions(command).ToList();
        var suggestion = Nearest(name, options.SelectMany(o => o.Aliases.Prepend(o.Name)), o => o.TrimStart('-'));
        if (suggestion is not null)
        {
            // Suggest the option's long name even when the nearest match was one of its aliases.
            var option = options.First(o => o.Name == suggestion || o.Aliases.Contains(suggestion));
            return new UnknownToken($"unknown option '{name}'. Did you mean '{option.Name}'?");
        }

        var valid = string.Join(", ", options.Where(o => !o.Hidden && o is not System.CommandLine.Help.HelpOption).Select(o => o.Name));
        return new UnknownToken($"unknown option '{name}'. Options: {valid}.{hint}");
    }

    private static UnknownToken UnknownCommand(string token, RootCommand root)
    {
        var names = root.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
        var suggestion = OptionLike().IsMatch("--" + token) ? Nearest(token, names, n => n) : null;

        // Name the token only when it is a near miss of a command: otherwise it may be a draft given without 'check'.
        return suggestion is not null
            ? new UnknownToken($"unknown command '{token}'. Did you mean '{suggestion}'?")
            : new UnknownToken($"unknown command. Commands: {string.Join(", ", names)}. To check a draft: commsbot check TEXT.");
    }

    /// <summary>The candidate nearest to <paramref name="token"/>, or null when none is near enough to be a slip.</summary>
    private static string? Nearest(string token, IEnumerable<string> candidates, Func<string, string> bare)
    {
        var typed = bare(token);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var name = bare(candidate);

            // A short name is too easy to hit by chance: "-x" is one edit from "-a", "-p" and "-f".
            var allowed = name.Length <= 3 ? 0 : name.Length <= 5 ? 1 : 2;
            var distance = Distance(typed.ToLowerInvariant(), name);
            if (typed.Length >= 3 && name.Length > typed.Length && name.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            {
                distance = 1; // "--plat" for "--platform"
            }

            if (distance <= allowed && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    private static IEnumerable<Option> VisibleOptions(Command command)
    {
        foreach (var option in command.Options)
        {
            yield return option;
        }

        foreach (var parent in Ancestors(command))
        {
            foreach (var option in parent.Options.Where(o => o.Recursive))
            {
                yield return option;
            }
        }
    }

    private static IEnumerable<Command> Ancestors(Command command)
    {
        var seen = new HashSet<Command>();
        var queue = new Queue<Command>(command.Parents.OfType<Command>());
        while (queue.TryDequeue(out var parent))
        {
            if (seen.Add(parent))
            {
                yield return parent;
                foreach (var grandParent in parent.Parents.OfType<Command>())
                {
                    queue.Enqueue(grandParent);
                }
            }
        }
    }

    private static void CollectOptionValues(CommandResult command, HashSet<Token> values)
    {
        foreach (var child in command.Children)
        {
            switch (child)
            {
                case OptionResult option:
                    values.UnionWith(option.Tokens);
                    break;
                case CommandResult subcommand:
                    CollectOptionValues(subcommand, values);
                    break;
            }
        }
    }

    [GeneratedRegex("^--?[A-Za-z?][A-Za-z0-9-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex OptionLike();
}
