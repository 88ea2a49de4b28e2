using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Slack;

/// <summary>What a signature check found.</summary>
public enum SlackSignatureResult
{
    Valid,
    MissingHeaders,
    BadTimestamp,
    StaleTimestamp,
    BadSignature,
}

/// <summary>
/// Verifies Slack's request signature: <c>v0=</c> and the hex HMAC-SHA256 of <c>v0:{timestamp}:{raw body}</c> keyed
/// with the signing secret, compared in constant time, with the timestamp within five minutes of now (replays of an
/// old request fail).
/// </summary>
public sealed class SlackSignatureVerifier(IOptions<SlackOptions> options, TimeProvider time)
{
    public const string SignatureHeader = "X-Slack-Signature";
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    private const string Version = "v0";

    public SlackSignatureResult Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        var secret = options.Value.SigningSecret;
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(secret))
        {
            return SlackSignatureResult.MissingHeaders;
        }

        if (timestamp.Length > 12 || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SlackSignatureResult.BadTimestamp;
        }

        var skew = Math.Abs(time.GetUtcNow().ToUnixTimeSeconds() - seconds);
        if (skew > MaxClockSkew.TotalSeconds)
        {
            return SlackSignatureResult.StaleTimestamp;
        }

        // "v0=" + 64 hex digits; anything else cannot match, but is still compared below in constant time so the
        // answer's timing says nothing about the expected value.
        Span<byte> given = stackalloc byte[32];
        var hex = signature.StartsWith(Version + "=", StringComparison.Ordinal) ? signature.AsSpan(Version.Length + 1) : default;
        var wellFormed = hex.Length == 64 && Convert.FromHexString(hex, given, out _, out var written) == System.Buffers.OperationStatus.Done && written == 32;

        Span<byte> expected = stackalloc byte[32];
        Compute(secret, timestamp, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given) && wellFormed
            ? SlackSignatureResult.Valid
            : SlackSignatureResult.BadSignature;
    }

    /// <summary>The signature Slack would send for this body at this timestamp (for tests and tools).</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        Span<byte> mac = stackalloc byte[32];
        Compute(secret, timestamp, body, mac);
        return Version + "=" + Convert.ToHexStringLower(mac);
    }

    private static void Compute(string secret, string timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        var prefix = Encoding.UTF8.GetBytes($"{Version}:{timestamp}:");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        hmac.GetHashAndReset(destination);
    }
}
