namespace CommsBot.Bot.Nudges;

/// <summary>
/// Marks the HTTP calls made for an outbox row (an AsyncLocal that flows into the HttpClient pipeline). The clients'
/// resilience pipelines retry a 429 after its Retry-After for replies; for the outbox they do not: the dispatcher
/// pauses that destination for the Retry-After and goes on with the others, and a 429 is not a failed attempt, so it
/// does not count towards the circuit breaker either.
/// </summary>
public static class OutboxRequests
{
    private static readonly AsyncLocal<bool> Current = new();

    /// <summary>True inside <see cref="Begin"/>.</summary>
    public static bool Active => Current.Value;

    /// <summary>Marks the calls made until the scope is disposed (in this async flow).</summary>
    public static Scope Begin()
    {
        Current.Value = true;
        return default;
    }

    /// <summary>The pipelines' transient-failure predicate (for retry and circuit breaker), less a 429 answered to an
    /// outbox call, which the outbox handles.</summary>
    public static bool IsTransient(Polly.Outcome<HttpResponseMessage> outcome) =>
        !(Active && outcome.Result?.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
        && Microsoft.Extensions.Http.Resilience.HttpClientResiliencePredicates.IsTransient(outcome);

    /// <summary>Ends the marking.</summary>
    public readonly struct Scope : IDisposable
    {
        public void Dispose() => Current.Value = false;
    }
}
