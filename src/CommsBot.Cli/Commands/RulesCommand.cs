using System.CommandLine;
using CommsBot.Cli.Output;
using CommsBot.Guidelines;

namespace CommsBot.Cli.Commands;

/// <summary><c>commsbot rules</c>: the pack's rules, with their category, default severity and title.</summary>
internal static class RulesCommand
{
    public static (Command Command, string[] HelpFooter) Create(CliHost host, Option<string?> pack)
    {
        var format = new Option<string>("--format", "-f")
        {
            Description = "text: a table; json: the machine form.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("rules", "List the rules of the pack (built in, extended by --pack or $COMMSBOT_PACK): id, category, severity, title.")
        {
            format,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var loaded = await PackSource.LoadAsync(parse.GetValue(pack), host);
            if (loaded is null)
            {
                return ExitCodes.UsageOrInputError;
            }

            if (parse.GetValue(format) == "json")
            {
                await JsonOutput.WriteAsync(host.Out, indented: true, writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("pack", loaded.Name);
                    writer.WriteStartArray("rules");
                    foreach (var rule in loaded.Rules)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("id", rule.Id);
                        writer.WriteString("category", rule.Category.ToWire());
                        writer.WriteString("severity", rule.Severity.ToWire());
                        writer.WriteString("title", rule.Title);
                        writer.WriteBoolean("retired", rule.Retired);
                        writer.WriteString("source", rule.Source);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                });
            }
            else
            {
                var rows = loaded.Rules
                    .Select(r => new[] { r.Id, r.Category.ToWire(), r.Severity.ToWire(), r.Title + (r.Retired ? " (retired)" : "") })
                    .ToList();
                await host.Out.WriteLineAsync($"{loaded.Name}: {loaded.Rules.Count} rules ({string.Join(" + ", loaded.Sources)})");
                await host.Out.WriteLineAsync();
                await host.Out.WriteAsync(TextTable.Format(["RULE", "CATEGORY", "SEVERITY", "TITLE"], rows));
            }

            await host.Out.FlushAsync(cancellationToken);
            return ExitCodes.Ready;
        });

        string[] footer =
        [
            "Examples:",
            "  commsbot rules",
            "  commsbot rules --pack our-hospital.yaml --format json",
        ];
        return (command, footer);
    }
}
