using System.CommandLine;
using System.Text;
using CommsBot.Cli.Output;
using CommsBot.Guidelines;

namespace CommsBot.Cli.Commands;

/// <summary><c>commsbot check</c>: one draft (argument or stdin) or a JSON-lines file of drafts.</summary>
internal static class CheckCommand
{
    private const int MaxLengthCeiling = 100_000;

    public static (Command Command, string[] HelpFooter) Create(CliHost host, Option<string?> pack)
    {
        var text = new Argument<string?>("TEXT")
        {
            Description = "The draft, in quotes. Give - to read it from standard input (one trailing newline is dropped).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var account = new Option<string?>("--account", "-a")
        {
            Description = $"The account the draft is for: {string.Join(", ", WireNames.Accounts)} (default). With --jsonl: the default for lines that do not say.",
            HelpName = "ACCOUNT",
        };
        account.CompletionSources.Add([.. WireNames.Accounts]);
        var platform = new Option<string?>("--platform", "-p")
        {
            Description = $"The platform the draft is for: {string.Join(", ", WireNames.Platforms)} (default). With --jsonl: the default for lines that do not say.",
            HelpName = "PLATFORM",
        };
        platform.CompletionSources.Add([.. WireNames.Platforms]);
        var format = new Option<string>("--format", "-f")
        {
            Description = "text: the draft with findings highlighted; json: the machine form. Ignored with --jsonl.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");
        var maxLength = new Option<int>("--max-length")
        {
            Description = $"The longest draft accepted, in characters (1 to {MaxLengthCeiling:N0}).",
            HelpName = "N",
            DefaultValueFactory = _ => DraftLimits.DefaultMaxLength,
        };
        var jsonl = new Option<string?>("--jsonl")
        {
            Description = "Check every draft in a JSON-lines file (- for standard input): one {\"id\",\"text\",\"account\"?,\"platform\"?} per line in, "
                + "one {\"id\",\"verdict\",\"findings\"} per line out, in order. A bad line gets {\"id\"?,\"line\",\"error\"} and the run goes on. "
                + "Exit code 0 when every draft is ready, 1 when any is not, 2 when any line was bad.",
            HelpName = "FILE",
        };

        var command = new Command("check", "Check a draft (or a JSON-lines file of drafts) against the guidelines and suggest fixes.")
        {
            text, account, platform, format, maxLength, jsonl,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = new CheckRequest(
                parse.GetValue(text),
                parse.GetValue(jsonl),
                parse.GetValue(account),
                parse.GetValue(platform),
                parse.GetValue(format) == "json",
                parse.GetValue(maxLength),
                parse.GetValue(pack),
                LearnedLayer.IsOn(parse));
            return await RunAsync(request, host, cancellationToken);
        });

        string[] footer =
        [
            "Exit codes (with --jsonl: over every line, so a CI step can gate on it):",
            "  0  the draft is ready to post (--jsonl: every draft is ready)",
            "  1  the verdict is revise or do-not-post (--jsonl: at least one draft's is, and no line was bad)",
            "  2  usage or input error: empty or over-long draft, unknown option, account or platform, broken pack,",
            "     a bad --jsonl line (the other lines are still checked and written)",
            "",
            "Spans (start, length) count UTF-16 code units from the start of the draft.",
            "",
            "Examples:",
            "  commsbot check \"Swipe up with code DOCTOR for 20% off\" --account personal --platform instagram",
            "  commsbot check \"67F in bed 4 tonight, what a night\" --format json",
            "  pbpaste | commsbot check - --platform linkedin",
            "  commsbot check --jsonl drafts.jsonl --account professional > findings.jsonl   (exit 1 if any draft is not ready)",
            "  commsbot check -- \"-5 kg in 5 weeks, here is how\"       (-- before a draft that starts with '-')",
        ];
        return (command, footer);
    }

    private static async Task<int> RunAsync(CheckRequest request, CliHost host, CancellationToken cancellationToken)
    {
        if (request.Text is not null && request.JsonlPath is not null)
        {
            return await UsageErrorAsync(host, "give either the draft (TEXT) or --jsonl FILE, not both.");
        }

        if (request.Text is null && request.JsonlPath is null)
        {
            return await UsageErrorAsync(host, "give the draft to check (TEXT, or - for standard input), or --jsonl FILE.");
        }

        if (!WireNames.TryParseAccount(request.Account, out var account))
        {
            return await UsageErrorAsync(host, $"unknown account '{request.Account}'. Use one of: {string.Join(", ", WireNames.Accounts)}.");
        }

        if (!WireNames.TryParsePlatform(request.Platform, out var platform))
        {
            return await UsageErrorAsync(host, $"unknown platform '{request.Platform}'. Use one of: {string.Join(", ", WireNames.Platforms)}.");
        }

        if (request.MaxLength is < 1 or > MaxLengthCeiling)
        {
            return await UsageErrorAsync(host, $"--max-length must be between 1 and {MaxLengthCeiling:N0}.");
        }

        var pack = await PackSource.LoadAsync(request.PackPath, host);
        if (pack is null)
        {
            return ExitCodes.UsageOrInputError;
        }

        var reviewer = new DraftReviewer(pack, new DraftLimits { MaxLength = request.MaxLength }, await LearnedLayer.CreateAsync(request.Learned, host));
        var context = new DraftContext(account, platform);
        if (request.JsonlPath is not null)
        {
            return await RunJsonlAsync(request.JsonlPath, reviewer, context, host, cancellationToken);
        }

        string draft;
        if (request.Text == "-")
        {
            var read = await DraftInput.ReadAsync(host.In, request.MaxLength, cancellationToken);
            if (read is null)
            {
                return await UsageErrorAsync(host, $"the draft on standard input is longer than the limit of {request.MaxLength:N0} characters. Check it in parts, or shorten it.");
            }

            draft = read;
        }
        else
        {
            draft = request.Text!;
        }

        Review review;
        try
        {
            review = reviewer.Review(draft, context);
        }
        catch (InvalidDraftException e)
        {
            // The message never quotes the draft (DraftLimits' contract).
            return await UsageErrorAsync(host, e.Message);
        }

        if (request.Json)
        {
            await CheckJsonWriter.WriteAsync(host.Out, review);
        }
        else
        {
            await new CheckTextWriter(host.Out, host.UseColor).WriteAsync(draft, review);
        }

        await host.Out.FlushAsync(cancellationToken);
        return review.Verdict == Verdict.Ready ? ExitCodes.Ready : ExitCodes.NeedsChanges;
    }

    private static async Task<int> RunJsonlAsync(string path, DraftReviewer reviewer, DraftContext defaults, CliHost host, CancellationToken cancellationToken)
    {
        TextReader reader;
        if (path == "-")
        {
            reader = host.In;
        }
        else
        {
            try
            {
                reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { Options = FileOptions.SequentialScan, BufferSize = 1 << 16 });
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return await UsageErrorAsync(host, $"cannot read '{path}': {e.Message}");
            }
        }

        JsonlSummary summary;
        try
        {
            summary = await new JsonlCheckRunner(reviewer, defaults).RunAsync(reader, host.Out, cancellationToken);
        }
        finally
        {
            if (!ReferenceEquals(reader, host.In))
            {
                reader.Dispose();
            }
        }

        if (summary.BadLines > 0)
        {
            await host.Error.WriteLineAsync($"commsbot check: {summary.BadLines:N0} of {summary.Drafts:N0} lines could not be checked (see their \"error\" output lines).");
            return ExitCodes.UsageOrInputError;
        }

        if (summary.NotReady > 0)
        {
            await host.Error.WriteLineAsync($"commsbot check: {summary.NotReady:N0} of {summary.Drafts:N0} drafts are not ready (revise or do-not-post).");
            return ExitCodes.NeedsChanges;
        }

        return ExitCodes.Ready;
    }

    private static async Task<int> UsageErrorAsync(CliHost host, string message)
    {
        await host.Error.WriteLineAsync($"commsbot check: {message}");
        return ExitCodes.UsageOrInputError;
    }

    private sealed record CheckRequest(string? Text, string? JsonlPath, string? Account, string? Platform, bool Json, int MaxLength, string? PackPath, bool Learned);
}
