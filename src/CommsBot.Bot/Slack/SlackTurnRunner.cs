using System.Threading.Channels;

namespace CommsBot.Bot.Slack;

/// <summary>
/// Events and interactions are acknowledged at once (Slack waits 3 seconds, then retries) and their turns run here,
/// a few at a time. Bounded: when full, a request is refused with 503 and Slack delivers it again later.
/// </summary>
/// <remarks>
/// Stopping drains rather than cuts off: once the host begins to stop, new turns are refused (503, so Slack retries
/// against the next instance), queued turns still run and running ones finish. Their token is cancelled only when the
/// host's shutdown timeout (<c>Operations:ShutdownTimeout</c>) elapses, not when stopping begins.
/// </remarks>
public sealed class SlackTurnRunner : IHostedService, IDisposable
{
    public const int Capacity = 256;
    public const int Workers = 4;

    private readonly ILogger<SlackTurnRunner> logger;
    private readonly Channel<Func<CancellationToken, Task>> work = Channel.CreateBounded<Func<CancellationToken, Task>>(
        new BoundedChannelOptions(Capacity) { SingleReader = false, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait });

    private readonly CancellationTokenSource abort = new();
    private readonly TaskCompletionSource directTurnsDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock gate = new();
    private int directTurns;
    private bool stopping;
    private int disposed;
    private Task workers = Task.CompletedTask;

    // No lifetime in a service container without a host (the conversation tests build one).
    public SlackTurnRunner(ILogger<SlackTurnRunner> logger, IHostApplicationLifetime? lifetime = null)
    {
        this.logger = logger;
        // ApplicationStopping fires before Kestrel drains its requests: refuse from then on, not only once this
        // service's own StopAsync runs after the server has stopped.
        lifetime?.ApplicationStopping.Register(BeginStopping);
    }

    /// <summary>True once the host has begun to stop; new turns are refused.</summary>
    public bool IsStopping
    {
        get
        {
            lock (gate)
            {
                return stopping;
            }
        }
    }

    /// <summary>The token for Slack work: cancelled only when the host's shutdown timeout elapses.</summary>
    public CancellationToken Aborted => abort.Token;

    /// <summary>Queues a turn; false when the queue is full or the host is stopping.</summary>
    public bool TryEnqueue(Func<CancellationToken, Task> turn) => work.Writer.TryWrite(turn);

    /// <summary>Counts a turn that runs outside the queue (a slash command answers within its request), so stopping
    /// waits for it; false when the host is stopping. Call <see cref="EndDirectTurn"/> once when all its work is done.</summary>
    public bool TryBeginDirectTurn()
    {
        lock (gate)
        {
            if (stopping)
            {
                return false;
            }

            directTurns++;
            return true;
        }
    }

    /// <summary>Ends a turn begun with <see cref="TryBeginDirectTurn"/>.</summary>
    public void EndDirectTurn()
    {
        lock (gate)
        {
            directTurns--;
            if (stopping && directTurns == 0)
            {
                directTurnsDone.TrySetResult();
            }
        }
    }

    // Not a BackgroundService: its stopping token is cancelled as soon as stopping begins, and a stop right after
    // start can cancel the workers before they read anything. These end when the completed queue is drained, or when
    // the shutdown timeout aborts them.
    public Task StartAsync(CancellationToken cancellationToken)
    {
        workers = Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(() => RunAsync(abort.Token), CancellationToken.None)));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        BeginStopping();
        await Task.WhenAll(workers, directTurnsDone.Task).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (cancellationToken.IsCancellationRequested)
        {
            // The host cancels this token when its shutdown timeout elapses: only then are the turns cut off.
            await abort.CancelAsync();
        }
    }

    public void Dispose()
    {
        // The container disposes both registrations (the runner and the hosted service resolve to this instance).
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            abort.Cancel();
            abort.Dispose();
        }
    }

    private void BeginStopping()
    {
        lock (gate)
        {
            stopping = true;
            if (directTurns == 0)
            {
                directTurnsDone.TrySetResult();
            }
        }

        work.Writer.TryComplete();
    }

    private async Task RunAsync(CancellationToken abortToken)
    {
        try
        {
            await foreach (var turn in work.Reader.ReadAllAsync(abortToken))
            {
                try
                {
                    await turn(abortToken);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // The adapter's turn-error policy has logged what it could; this is what escaped it.
                    Log.SlackWorkFailed(logger, e.GetType().FullName ?? e.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (abortToken.IsCancellationRequested)
        {
        }
    }
}
