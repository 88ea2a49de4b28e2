namespace CommsBot.Bot.Slack;

/// <summary>
/// The Events API ids seen recently, so a retried delivery (<c>X-Slack-Retry-Num</c>) of an event already taken is
/// acknowledged and dropped. Slack retries three times within about five minutes; ids are kept for
/// <see cref="Retention"/>, at most <see cref="Capacity"/> of them (the oldest go first). In memory: a restart
/// forgets, and at worst one retried event is answered twice.
/// </summary>
public sealed class SlackEventDeduplicator(TimeProvider time)
{
    public const int Capacity = 10_000;
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(10);

    private readonly Dictionary<string, DateTimeOffset> seen = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, DateTimeOffset Expires)> order = new();
    private readonly Lock gate = new();

    /// <summary>Records the id; false when it was already recorded and has not expired.</summary>
    public bool TryAdd(string eventId)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        var now = time.GetUtcNow();
        lock (gate)
        {
            Prune(now);
            if (seen.TryGetValue(eventId, out var expires) && expires > now)
            {
                return false;
            }

            while (seen.Count >= Capacity && order.TryDequeue(out var oldest))
            {
                Forget(oldest.Id, oldest.Expires);
            }

            var until = now + Retention;
            seen[eventId] = until;
            order.Enqueue((eventId, until));
            return true;
        }
    }

    /// <summary>Forgets an id (when the event could not be taken after all, so Slack's retry is processed).</summary>
    public void Remove(string eventId)
    {
        lock (gate)
        {
            seen.Remove(eventId);
        }
    }

    public int Count
    {
        get
        {
            lock (gate)
            {
                return seen.Count;
            }
        }
    }

    private void Prune(DateTimeOffset now)
    {
        while (order.TryPeek(out var head) && head.Expires <= now)
        {
            order.Dequeue();
            Forget(head.Id, head.Expires);
        }
    }

    // An id removed and added again has a newer entry in the queue: only the entry that matches its expiry goes.
    private void Forget(string id, DateTimeOffset expires)
    {
        if (seen.TryGetValue(id, out var current) && current == expires)
        {
            seen.Remove(id);
        }
    }
}
