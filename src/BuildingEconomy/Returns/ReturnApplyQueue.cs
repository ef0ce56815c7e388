using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BuildingEconomy.Returns;

/// <summary>
/// Gathers the returns that consumers are waiting to apply and applies them in groups, one transaction per group
/// (see <see cref="MonthlyReturnApplier.ApplyGroupAsync"/>), on a few writers. Each consumer still waits for its own
/// return's outcome, so the broker's retries and error queue keep working per return. A group that fails is applied
/// again return by return, so one poison return fails only itself.
/// </summary>
public sealed class ReturnApplyQueue : IAsyncDisposable
{
    private sealed record Waiting(ReturnToApply Return, TaskCompletionSource<ApplyOutcome> Outcome);

    private readonly Channel<Waiting> waiting = Channel.CreateUnbounded<Waiting>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly IServiceScopeFactory scopes;
    private readonly ReturnsOptions options;
    private readonly Lazy<Task[]> writers;

    public ReturnApplyQueue(IServiceScopeFactory scopes, IOptions<ReturnsOptions> options)
    {
        this.scopes = scopes;
        this.options = options.Value;
        // Started by the first return, so hosts that only file never open a writer.
        writers = new Lazy<Task[]>(() => [.. Enumerable.Range(0, Math.Max(1, this.options.ApplyWriters)).Select(_ => Task.Run(WriteAsync))]);
    }

    public Task<ApplyOutcome> ApplyAsync(long returnId, int buildingId, CancellationToken cancellationToken = default)
    {
        _ = writers.Value;
        var outcome = new TaskCompletionSource<ApplyOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!waiting.Writer.TryWrite(new Waiting(new ReturnToApply(returnId, buildingId), outcome)))
            throw new InvalidOperationException("The returns apply queue is shut down.");
        return outcome.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteAsync()
    {
        var size = Math.Max(1, options.ApplyBatchSize);
        while (await waiting.Reader.WaitToReadAsync())
        {
            var group = new List<Waiting>(size);
            while (group.Count < size && waiting.Reader.TryRead(out var next)) group.Add(next);
            if (group.Count > 0) await ApplyAsync(group);
        }
    }

    private async Task ApplyAsync(List<Waiting> group)
    {
        if (group.Count > 1)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var outcomes = await scope.ServiceProvider.GetRequiredService<MonthlyReturnApplier>().ApplyGroupAsync([.. group.Select(w => w.Return)]);
                for (var i = 0; i < group.Count; i++) group[i].Outcome.TrySetResult(outcomes[i]);
                return;
            }
            catch (Exception)
            {
                // Which return failed is not known; one by one, each gets its own outcome or its own exception.
            }
        }
        foreach (var one in group)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                one.Outcome.TrySetResult(await scope.ServiceProvider.GetRequiredService<MonthlyReturnApplier>().ApplyAsync(one.Return.ReturnId, one.Return.BuildingId));
            }
            catch (Exception exception)
            {
                one.Outcome.TrySetException(exception);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        waiting.Writer.TryComplete();
        if (writers.IsValueCreated) await Task.WhenAll(writers.Value);
    }
}
