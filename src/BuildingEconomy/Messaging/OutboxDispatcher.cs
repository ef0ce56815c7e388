using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BuildingEconomy.Messaging;

/// <summary>
/// Publishes what writers put in the outbox. Each batch claims its rows with FOR UPDATE SKIP LOCKED, so several
/// dispatchers (web app and worker, or several web instances) share the work without publishing a row twice at the
/// same time; a row is marked dispatched only after the broker confirmed it, so a crash or a broker outage leaves it
/// outstanding to be published again. Delivery is therefore at least once: every consumer is idempotent.
/// </summary>
public sealed partial class OutboxDispatcher(
    NpgsqlDataSource dataSource,
    IBusControl bus,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly OutboxOptions settings = options.Value;

    /// <summary>Rows published since start, for tests and diagnostics.</summary>
    public long Published { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            // Publishing before the bus is connected and its receive endpoints are bound would, on a broker that has
            // never seen these queues, route messages to no queue at all: confirmed by the broker, yet lost. So wait.
            if (bus.CheckHealth().Status != BusHealthStatus.Healthy)
            {
                try
                {
                    await Task.Delay(settings.BusCheckInterval, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                continue;
            }

            Batch batch;
            try
            {
                batch = await DispatchBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                // The database itself is unreachable: nothing can be claimed, so wait as for a broker outage.
                LogBatchFailed(exception);
                batch = new Batch(0, 1);
            }

            try
            {
                if (batch.Failed > 0)
                {
                    // Back off so that a broker outage is not met with a tight loop of doomed publishes; new writes do
                    // not cut the wait short, the rows are safe in the table meanwhile.
                    failures++;
                    var backoff = TimeSpan.FromSeconds(Math.Min(settings.MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(failures - 1, 16))));
                    await Task.Delay(backoff, time, stoppingToken);
                    continue;
                }
                failures = 0;
                if (batch.Published >= settings.BatchSize) continue;
                await signal.WaitAsync(settings.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    private readonly record struct Batch(int Published, int Failed);

    private async Task<Batch> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var rows = new List<(long Id, string Type, string Payload)>();
        await using (var select = new NpgsqlCommand("""
            SELECT id, message_type, payload::text FROM outbox_messages
            WHERE dispatched_at IS NULL
            ORDER BY id
            LIMIT @limit
            FOR UPDATE SKIP LOCKED
            """, connection, transaction))
        {
            select.Parameters.AddWithValue("limit", settings.BatchSize);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        }
        if (rows.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return new Batch(0, 0);
        }

        // Published concurrently: with publisher confirms one awaited publish at a time is several times slower.
        // Order across rows is not kept; consumers compare versions rather than rely on arrival order.
        var outcomes = await Task.WhenAll(rows.Select(row => PublishAsync(row.Id, row.Type, row.Payload, cancellationToken)));
        cancellationToken.ThrowIfCancellationRequested();

        var published = outcomes.Where(o => o.Error is null).Select(o => o.Id).ToArray();
        var failed = outcomes.Where(o => o.Error is not null).ToArray();
        if (published.Length > 0)
        {
            await using var mark = new NpgsqlCommand(
                "UPDATE outbox_messages SET dispatched_at = now(), attempts = attempts + 1 WHERE id = ANY(@ids)", connection, transaction);
            mark.Parameters.AddWithValue("ids", published);
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }
        if (failed.Length > 0)
        {
            var error = failed[0].Error!;
            await using var note = new NpgsqlCommand(
                "UPDATE outbox_messages SET attempts = attempts + 1, last_error = @error WHERE id = ANY(@ids)", connection, transaction);
            note.Parameters.AddWithValue("ids", failed.Select(f => f.Id).ToArray());
            note.Parameters.AddWithValue("error", error.Length > 2000 ? error[..2000] : error);
            await note.ExecuteNonQueryAsync(cancellationToken);
            LogPublishFailed(failed.Length, rows.Count, error);
        }
        await transaction.CommitAsync(cancellationToken);
        Published += published.Length;
        return new Batch(published.Length, failed.Length);
    }

    private async Task<(long Id, string? Error)> PublishAsync(long id, string typeName, string payload, CancellationToken stoppingToken)
    {
        if (Outbox.ResolveType(typeName) is not { } type) return (id, $"Unknown message type {typeName}.");
        try
        {
            var message = Outbox.Deserialize(payload, type) ?? throw new InvalidOperationException($"Outbox row {id} holds no message.");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(settings.PublishTimeout);
            // WaitAsync as well as the token: a publish waiting for a broker connection has been seen to ignore its token
            // for a while, and the batch must not hang with its rows locked.
            await bus.Publish(message, type, context => context.Headers.Set("BE-Outbox-Id", id), timeout.Token)
                .WaitAsync(settings.PublishTimeout + TimeSpan.FromSeconds(1), stoppingToken);
            return (id, null);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            return (id, $"{exception.GetType().Name}: {exception.Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox: {Failed} of {Total} messages could not be published, will retry: {Error}")]
    private partial void LogPublishFailed(int failed, int total, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox: the batch could not be read or marked, will retry")]
    private partial void LogBatchFailed(Exception exception);
}
