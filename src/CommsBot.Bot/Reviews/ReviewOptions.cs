using System.ComponentModel.DataAnnotations;

namespace CommsBot.Bot.Reviews;

/// <summary>The comms review queue (section <c>Review</c>).</summary>
public sealed class ReviewOptions
{
    public const string Section = "Review";

    /// <summary>User keys (<c>channel:user id</c>) who may say <c>review here</c>, besides <c>Nudges:Admins</c>.</summary>
    public IList<string> Admins { get; } = [];

    /// <summary>A request still open this long after it was made is re-surfaced once in the review channel (in the
    /// allowed hours of <c>Nudges:QuietHours</c>).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan RemindAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Days after the decision (or after the request, when it was never decided) that the draft, note,
    /// comment and edited draft are deleted. The audit row stays.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 30;

    /// <summary>How often the reminder and purge pass runs (Quartz cron, seconds first).</summary>
    public string MaintenanceCron { get; set; } = "0 */15 * * * ?";

    /// <summary>A PKCS#12 (.pfx) file with an RSA certificate and its private key: the Data Protection keys are
    /// stored encrypted with it (read at start-up by <see cref="ReviewServiceCollectionExtensions.AddCommsBotKeyRingProtection"/>).
    /// None: the keys are stored unencrypted in the database.</summary>
    public string? KeyRingCertificate { get; set; }

    /// <summary>The password of <see cref="KeyRingCertificate"/> (set it from the environment, not a file).</summary>
    public string? KeyRingCertificatePassword { get; set; }

    /// <summary>Earlier certificates (.pfx files, same password) whose keys must still be read after a rotation.</summary>
    public IList<string> KeyRingPreviousCertificates { get; } = [];
}
