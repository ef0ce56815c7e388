using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BuildingEconomy.Dashboards;

/// <summary>
/// An opaque token that changes whenever the dashboards' read model changes. Open dashboard pages poll it (a
/// cheap in-memory read) and refresh their data when it moves. It is not a count of changes: it only differs.
/// </summary>
public sealed class DashboardDataVersion(TimeProvider clock)
{
    // The start time makes tokens of a restarted server differ from any a page saw before the restart.
    private readonly long started = clock.GetUtcNow().ToUnixTimeMilliseconds();
    private long changes;

    public string Current => $"{started:x}-{Interlocked.Read(ref changes)}";

    public DateTimeOffset ChangedAt { get; private set; } = clock.GetUtcNow();

    /// <summary>True while the listener holds its LISTEN connection, so that every change does reach <see cref="Changed"/>.</summary>
    public bool IsListening { get; set; }

    public void Changed()
    {
        Interlocked.Increment(ref changes);
        ChangedAt = clock.GetUtcNow();
    }
}

/// <summary>
/// Listens for the notification the database sends whenever a statement changes <c>building_month_figures</c>
/// (a trigger, see the migration DashboardChangeNotifications), whoever made the change: the web app, the worker
/// or a bulk load. PostgreSQL delivers a NOTIFY only when its transaction commits, so a page that refreshes on
/// it reads the committed figures. A lost connection is re-established, and counts as a change, since
/// notifications sent meanwhile are gone.
/// </summary>
public sealed class DashboardChangeListener(NpgsqlDataSource dataSource, DashboardDataVersion version, ILogger<DashboardChangeListener> logger)
    : BackgroundService
{
    public const string Channel = "building_month_figures_changed";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => version.Changed();
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                version.Changed();
                version.IsListening = true;
                while (!stoppingToken.IsCancellationRequested)
                {
                    // The timeout lets a dead connection surface as an error instead of waiting forever.
                    if (!await connection.WaitAsync(TimeSpan.FromSeconds(30), stoppingToken))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteScalarAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                version.IsListening = false;
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or IOException)
            {
                version.IsListening = false;
                version.Changed();
                logger.LogWarning(exception, "Lost the dashboard change notifications; listening again in 5 s.");
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
