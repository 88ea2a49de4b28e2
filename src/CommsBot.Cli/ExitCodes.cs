namespace CommsBot.Cli;

/// <summary>The process exit codes, as eslint uses them: scripts and CI gate on these.</summary>
internal static class ExitCodes
{
    /// <summary>The draft is ready (or a non-check command succeeded).</summary>
    public const int Ready = 0;

    /// <summary>The draft needs revising or must not be posted.</summary>
    public const int NeedsChanges = 1;

    /// <summary>A usage or input error: bad arguments, empty or over-long draft, broken pack, bad input lines.</summary>
    public const int UsageOrInputError = 2;
}
