using System.Text;
using CommsBot.Cli;

// Drafts are full of emoji and curly quotes: read and write UTF-8 whatever the console's code page says.
Console.InputEncoding = new UTF8Encoding(false);
Console.OutputEncoding = new UTF8Encoding(false);
return await CliApp.RunAsync(args, CliHost.FromConsole());
