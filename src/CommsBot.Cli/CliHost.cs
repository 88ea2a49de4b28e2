namespace CommsBot.Cli;

/// <summary>What the command line runs against: its streams, whether stdout is a colour terminal, and its environment.</summary>
/// <param name="In">Standard input (drafts given as <c>-</c>).</param>
/// <param name="Out">Standard output: reports, the user's own draft and JSON.</param>
/// <param name="Error">Standard error: usage and input errors. Never gets draft text.</param>
/// <param name="UseColor">Whether to write ANSI colour (stdout is a terminal and NO_COLOR is unset).</param>
/// <param name="GetEnvironmentVariable">Reads an environment variable (COMMSBOT_PACK).</param>
internal sealed record CliHost(TextReader In, TextWriter Out, TextWriter Error, bool UseColor, Func<string, string?> GetEnvironmentVariable)
{
    /// <summary>The environment variable naming an extension pack when <c>--pack</c> is not given.</summary>
    public const string PackVariable = "COMMSBOT_PACK";

    /// <summary>The host of the real process.</summary>
    public static CliHost FromConsole()
    {
        var useColor = !Console.IsOutputRedirected
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
            && !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);
        return new CliHost(Console.In, Console.Out, Console.Error, useColor, Environment.GetEnvironmentVariable);
    }
}
