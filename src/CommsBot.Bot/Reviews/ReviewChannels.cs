using System.Collections.Concurrent;
using Microsoft.Bot.Schema;

namespace CommsBot.Bot.Reviews;

/// <summary>
/// Which tenants and workspaces have a review channel, for the review card's "Ask comms to review": read on every
/// check, so kept in memory and re-read from the database at most every <see cref="MaxAge"/> (another instance may
/// have registered one) and at once when this instance registers one.
/// </summary>
public sealed class ReviewChannels(ReviewStore store, TimeProvider time) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, bool> scopes = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim refresh = new(1, 1);
    private DateTimeOffset loadedAt = DateTimeOffset.MinValue;

    /// <summary>The scope of a conversation: channel id and tenant (Teams) or team (Slack).</summary>
    public static string Scope(IActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return $"{activity.ChannelId}|{activity.Conversation?.TenantId}";
    }

    /// <summary>Whether the activity's tenant or workspace has a review channel (as last read).</summary>
    public bool Has(IActivity activity) => scopes.ContainsKey(Scope(activity));

    /// <summary>Reads the registered scopes again when the copy is older than <see cref="MaxAge"/>.</summary>
    public async Task EnsureFreshAsync(CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() - loadedAt < MaxAge)
        {
            return;
        }

        await refresh.WaitAsync(cancellationToken);
        try
        {
            if (time.GetUtcNow() - loadedAt < MaxAge)
            {
                return;
            }

            var current = await store.ChannelScopesAsync(cancellationToken);
            foreach (var scope in scopes.Keys.Except(current, StringComparer.Ordinal))
            {
                scopes.TryRemove(scope, out _);
            }

            foreach (var scope in current)
            {
                scopes[scope] = true;
            }

            loadedAt = time.GetUtcNow();
        }
        finally
        {
            refresh.Release();
        }
    }

    public void Dispose() => refresh.Dispose();

    /// <summary>Records a registration made by this instance.</summary>
    public void Registered(string scope) => scopes[scope] = true;
}
