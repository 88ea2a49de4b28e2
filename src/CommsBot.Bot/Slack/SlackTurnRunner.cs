using System.Threading.Channels;

namespace CommsBot.Bot.Slack;

/// <summary>
/// Events and interactions are acknowledged at once (Slack waits 3 seconds, then retries) and their turns run here,
/// a few at a time. Bounded: when full, a request is refused with 503 and Slack delivers it again later.
/// </summary>
public sealed class SlackTurnRunner(ILogger<SlackTurnRunner> logger) : BackgroundService
{
    public const int Capacity = 256;
    public const int Workers = 4;

    private readonly Channel<Func<CancellationToken, Task>> work = Channel.CreateBounded<Func<CancellationToken, Task>>(
        new BoundedChannelOptions(Capacity) { SingleReader = false, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Queues a turn; false when the queue is full.</summary>
    public bool TryEnqueue(Func<CancellationToken, Task> turn) => work.Writer.TryWrite(turn);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => RunAsync(stoppingToken)));

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var turn in work.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await turn(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // The adapter's turn-error policy has logged what it could; this is what escaped it.
                    Log.SlackWorkFailed(logger, e.GetType().FullName ?? e.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
