using System.ComponentModel.DataAnnotations;

namespace CommsBot.Bot.Operations;

/// <summary>How the host stops (section <c>Operations</c>).</summary>
public sealed class OperationsOptions
{
    public const string Section = "Operations";

    /// <summary>How long a stopping host waits for in-flight turns, the last counter flush and a running nudge job
    /// before it ends them. Keep it below the platform's grace period (docker stop: set stop_grace_period above
    /// it; App Service waits about 90 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
