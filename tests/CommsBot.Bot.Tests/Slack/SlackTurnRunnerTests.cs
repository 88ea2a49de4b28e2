using System.Net;
using CommsBot.Bot.Slack;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace CommsBot.Bot.Tests.Slack;

/// <summary>Stopping the host drains Slack turns: they finish unless the shutdown timeout elapses; new ones get 503.</summary>
public sealed class SlackTurnRunnerTests
{
    [Fact]
    public async Task HostStop_WithASlowSlackTurnInFlight_TheTurnStillPostsItsReply()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        await using var host = await SlackHost.StartAsync(slack, new Dictionary<string, string?> { ["Operations:ShutdownTimeout"] = "00:00:20" });
        var gate = new GateMiddleware();
        host.App.Services.GetRequiredService<SlackAdapter>().Use(gate);
        var channel = "D0STOP" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

        using var response = await host.EventAsync(SlackPayloads.Envelope(SlackPayloads.DirectMessage("Congrats to Dr. Ana Ruiz on her new paper on sepsis outcomes published today!", channel)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var runner = host.App.Services.GetRequiredService<SlackTurnRunner>();
        var stopping = host.App.StopAsync();
        // the stop has reached the runner (a state, not a wait on the clock), and the host waits for the turn
        Assert.True(SpinWait.SpinUntil(() => runner.IsStopping, TimeSpan.FromSeconds(10)));
        Assert.False(stopping.IsCompleted, "the host stopped before the Slack turn in flight finished");
        Assert.False(runner.TryEnqueue(_ => Task.CompletedTask));
        gate.Release.SetResult();

        var call = await slack.WaitForOneAsync(c => c.Channel == channel);
        Assert.Equal(SlackApiClient.PostMessage, call.Method);
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(gate.TokenWasCancelled);
    }

    [Fact]
    public async Task StopAsync_QueuedTurns_RunWithATokenThatIsNotCancelled()
    {
        using var lifetime = new Lifetime();
        using var sut = new SlackTurnRunner(NullLogger<SlackTurnRunner>.Instance, lifetime);
        await sut.StartAsync(CancellationToken.None);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = 0;
        for (var i = 0; i < SlackTurnRunner.Workers * 2; i++)
        {
            Assert.True(sut.TryEnqueue(async ct =>
            {
                await release.Task.WaitAsync(ct);
                Interlocked.Increment(ref finished);
            }));
        }

        lifetime.Stop();
        var stopping = sut.StopAsync(CancellationToken.None);
        Assert.False(sut.TryEnqueue(_ => Task.CompletedTask));
        Assert.False(sut.TryBeginDirectTurn());
        await Task.Delay(100);
        Assert.False(stopping.IsCompleted);
        release.SetResult();

        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(SlackTurnRunner.Workers * 2, finished);
    }

    [Fact]
    public async Task StopAsync_ShutdownTimeoutElapses_CancelsTheRunningTurns()
    {
        using var lifetime = new Lifetime();
        using var sut = new SlackTurnRunner(NullLogger<SlackTurnRunner>.Instance, lifetime);
        await sut.StartAsync(CancellationToken.None);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(sut.TryEnqueue(async ct =>
        {
            entered.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                cancelled.SetResult();
                throw;
            }
        }));
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(sut.TryBeginDirectTurn()); // a slash command that never ends

        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await sut.StopAsync(timeout.Token).WaitAsync(TimeSpan.FromSeconds(10));

        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(sut.Aborted.IsCancellationRequested);
    }

    private sealed class GateMiddleware : IMiddleware
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool TokenWasCancelled { get; private set; }

        public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            TokenWasCancelled = cancellationToken.IsCancellationRequested;
            await next(cancellationToken);
        }
    }

    private sealed class Lifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource stopping = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => stopping.Cancel();

        public void Stop() => StopApplication();

        public void Dispose() => stopping.Dispose();
    }
}
