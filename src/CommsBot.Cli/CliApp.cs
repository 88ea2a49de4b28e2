using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using CommsBot.Cli.Commands;

namespace CommsBot.Cli;

/// <summary>The <c>commsbot</c> command line: parses the arguments, runs a command and returns the exit code.</summary>
internal static class CliApp
{
    // A draft can start with '@' ("@ellie_b please see your GP"): response files would swallow it as a file name.
    private static readonly ParserConfiguration ParserConfiguration = new() { ResponseFileTokenReplacer = null };

    /// <summary>Runs the command line against the given streams, with the process environment and no colour.</summary>
    public static Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        RunAsync(args, new CliHost(stdin, stdout, stderr, UseColor: false, Environment.GetEnvironmentVariable), cancellationToken);

    /// <summary>Runs the command line against <paramref name="host"/>.</summary>
    public static async Task<int> RunAsync(string[] args, CliHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(host);
        var root = BuildRootCommand(host);
        if (args.Length == 0)
        {
            await WriteHelpAsync(root, [], host.Error, cancellationToken);
            return ExitCodes.UsageOrInputError;
        }

        var parse = root.Parse(args, ParserConfiguration);
        if (UnknownTokens.Find(parse, args) is { } unknown)
        {
            await ReportUsageErrorAsync(parse, [unknown.Message], host.Error);
            return ExitCodes.UsageOrInputError;
        }

        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
        {
            await ReportParseErrorsAsync(parse, host.Error);
            return ExitCodes.UsageOrInputError;
        }

        try
        {
            return await parse.InvokeAsync(Invocation(host.Out, host.Error), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await host.Error.WriteLineAsync("commsbot: cancelled.");
            return ExitCodes.UsageOrInputError;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The message of an unexpected exception may quote the draft (a regex timeout carries its input): never print it.
            await host.Error.WriteLineAsync($"commsbot: internal error ({e.GetType().Name} in {e.TargetSite?.DeclaringType?.Name}.{e.TargetSite?.Name}). The message is not shown because it may quote the draft.");
            return ExitCodes.UsageOrInputError;
        }
    }

    /// <summary>Builds the command tree. Exposed for tests of the help text.</summary>
    internal static RootCommand BuildRootCommand(CliHost host)
    {
        var pack = new Option<string?>("--pack")
        {
            Description = $"An institution rule pack (YAML) that extends the built-in one. Default: the file named in ${CliHost.PackVariable}, else none.",
            HelpName = "FILE",
            Recursive = true,
        };

        var root = new RootCommand("CommsBot checks social-media drafts by clinicians against MMS, HIPAA and FTC guidelines, offline.");
        root.Options.Add(pack);
        root.Options.Add(LearnedLayer.Option);
        var footers = new Dictionary<Command, string[]>
        {
            [root] =
            [
                "Exit codes: 0 ready, 1 revise or do-not-post, 2 usage or input error. Run 'commsbot COMMAND --help' for each command.",
                "",
                "Examples:",
                "  commsbot check \"Swipe up with code DOCTOR for 20% off\" --platform instagram",
                "  commsbot check --jsonl drafts.jsonl > findings.jsonl",
                "  commsbot eval corpus.jsonl --show-errors",
                "  commsbot rules",
                "  commsbot report --since 30d --chart report.svg",
            ],
        };

        foreach (var (command, footer) in new[]
        {
            CheckCommand.Create(host, pack),
            EvalCommand.Create(host, pack),
            RulesCommand.Create(host, pack),
            TrainCommand.Create(host, pack),
            DistillCommand.Create(host),
            ReportCommand.Create(host),
        })
        {
            root.Subcommands.Add(command);
            footers[command] = footer;
        }

        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new HelpWithFooterAction((HelpAction)help.Action!, footers);
        return root;
    }

    private static InvocationConfiguration Invocation(TextWriter output, TextWriter error) =>
        new() { Output = output, Error = error, EnableDefaultExceptionHandler = false };

    private static async Task WriteHelpAsync(RootCommand root, string[] commandPath, TextWriter output, CancellationToken cancellationToken)
    {
        var parse = root.Parse([.. commandPath, "--help"], ParserConfiguration);
        await parse.InvokeAsync(Invocation(output, output), cancellationToken);
    }

    private static async Task ReportParseErrorsAsync(ParseResult parse, TextWriter error)
    {
        // An unmatched token is usually a piece of an unquoted draft: say what went wrong without echoing it.
        var unmatched = parse.UnmatchedTokens.Select(t => $"'{t}'").ToList();
        var messages = parse.Errors
            .Select(e => unmatched.Exists(t => e.Message.Contains(t, StringComparison.Ordinal))
                ? "unexpected extra argument. Quote the draft as one argument, give - to read it from standard input, or put -- before a draft that starts with '-'."
                : e.Message)
            .Distinct(StringComparer.Ordinal);
        await ReportUsageErrorAsync(parse, messages, error);
    }

    private static async Task ReportUsageErrorAsync(ParseResult parse, IEnumerable<string> messages, TextWriter error)
    {
        var command = parse.CommandResult.Command;
        var prefix = command is RootCommand ? "commsbot" : $"commsbot {command.Name}";
        foreach (var message in messages)
        {
            await error.WriteLineAsync($"{prefix}: {message}");
        }

        await error.WriteLineAsync($"Run '{prefix} --help' for usage and examples.");
    }

    /// <summary>The standard help followed by the command's exit codes and worked examples.</summary>
    private sealed class HelpWithFooterAction(HelpAction inner, IReadOnlyDictionary<Command, string[]> footers) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var result = inner.Invoke(parseResult);
            if (footers.TryGetValue(parseResult.CommandResult.Command, out var lines))
            {
                var output = parseResult.InvocationConfiguration.Output;
                foreach (var line in lines)
                {
                    output.WriteLine(line);
                }

                output.WriteLine();
            }

            return result;
        }
    }
}
