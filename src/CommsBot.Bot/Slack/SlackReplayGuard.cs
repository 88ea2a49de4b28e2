using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CommsBot.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace CommsBot.Bot.Slack;

/// <summary>
/// Slack requests already taken, in the database so that a second instance or a restart knows them too:
/// <list type="bullet">
/// <item>by signature: a request replayed byte for byte within the 5-minute signature window (a slash command, a
/// button, an event without an id) is dropped. Slack signs every delivery, retries included, with its own
/// timestamp, so a legitimate request never repeats a signature.</item>
/// <item>by Events API event id: Slack's retries of an event already taken (<c>X-Slack-Retry-Num</c>; at once, after
/// a minute, after five) are acknowledged and dropped.</item>
/// </list>
/// Keys are inserted under a primary key (<c>ON CONFLICT DO NOTHING</c>), so two instances cannot both take one.
/// Expired rows are swept at most once a minute.
/// </summary>
public sealed class SlackReplayGuard(IDbContextFactory<CommsBotDbContext> contexts, TimeProvider time)
{
    /// <summary>How long an event id is remembered: past Slack's last retry.</summary>
    public static readonly TimeSpan EventRetention = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private long lastSweepMs;

    /// <summary>Records a verified request's signature; false when it was seen before (a replay).</summary>
    public Task<bool> TryTakeSignatureAsync(string signature, string timestamp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signature);
        // The verifier accepts a timestamp up to MaxClockSkew from now either way: after that the signature is stale.
        var signedAt = long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253_402_300_799))
            : time.GetUtcNow();
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(signature)));
        return TryTakeAsync("sig:" + hash, signedAt + SlackSignatureVerifier.MaxClockSkew + TimeSpan.FromMinutes(1), cancellationToken);
    }

    /// <summary>Records an event id; false when it was taken already and is still remembered.</summary>
    public Task<bool> TryTakeEventAsync(string eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        return TryTakeAsync("event:" + eventId, time.GetUtcNow() + EventRetention, cancellationToken);
    }

    /// <summary>Forgets an event id (it could not be taken after all, so Slack's retry is processed).</summary>
    public async Task ReleaseEventAsync(string eventId, CancellationToken cancellationToken)
    {
        var key = "event:" + eventId;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.SlackRequests.Where(r => r.Key == key).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<bool> TryTakeAsync(string key, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var expiresMs = expires.ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var last = Interlocked.Read(ref lastSweepMs);
        if (now - last >= SweepInterval.TotalMilliseconds && Interlocked.CompareExchange(ref lastSweepMs, now, last) == last)
        {
            await db.SlackRequests.Where(r => r.ExpiresAtMs <= now).ExecuteDeleteAsync(cancellationToken);
        }
        else
        {
            await db.SlackRequests.Where(r => r.Key == key && r.ExpiresAtMs <= now).ExecuteDeleteAsync(cancellationToken);
        }

        var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO "SlackRequests" ("Key", "ExpiresAtMs") VALUES ({key}, {expiresMs})
            ON CONFLICT ("Key") DO NOTHING
            """,
            cancellationToken);
        return inserted == 1;
    }
}
