namespace CommsBot.Bot.Nudges;

/// <summary>Wakes the dispatcher when this process puts a row in the outbox, so a firing's nudges start at once rather
/// than at the next poll. Rows enqueued by another instance are found by the poll.</summary>
public sealed class OutboxSignal
{
    private TaskCompletionSource raised = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A row was enqueued.</summary>
    public void Raise() => Volatile.Read(ref raised).TrySetResult();

    /// <summary>Forgets an earlier raise: called before a pass, which sees every row enqueued until then.</summary>
    public void Reset()
    {
        var current = Volatile.Read(ref raised);
        if (current.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref raised, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), current);
        }
    }

    /// <summary>Waits for a raise or <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            await Volatile.Read(ref raised).Task.WaitAsync(timeout, time, cancellationToken);
        }
        catch (TimeoutException)
        {
        }
    }
}
