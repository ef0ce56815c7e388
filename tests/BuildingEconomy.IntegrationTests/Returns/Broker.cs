using System.Net;
using System.Net.Sockets;
using RabbitMQ.Client;

namespace BuildingEconomy.IntegrationTests.Returns;

/// <summary>
/// The shared local RabbitMQ (infra/rabbitmq.sh). Tests never stop it, since other tests and developers use it:
/// each test class gets its own name prefix for queues and exchanges, and outages are staged with a
/// <see cref="TcpForwarder"/> between the bus and the broker.
/// </summary>
public static class Broker
{
    public static Uri BaseUrl { get; } = new(Environment.GetEnvironmentVariable("BE_TEST_RABBITMQ_URL") ?? "amqp://guest:guest@127.0.0.1:5672/");

    public static int Port => BaseUrl.Port > 0 ? BaseUrl.Port : 5672;

    public static Uri Url(int port) => new UriBuilder(BaseUrl) { Port = port }.Uri;

    public static string NewPrefix(string test) => $"t{Guid.NewGuid():N}"[..9] + "-" + test + "-";

    /// <summary>A port nothing listens on (yet): a bus pointed at it finds the broker "down".</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Messages ready in a queue; 0 for a queue that does not exist (MassTransit makes error queues on first use).</summary>
    public static async Task<uint> MessageCountAsync(string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = BaseUrl }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == 404)
        {
            return 0;
        }
    }

    /// <summary>Removes a test's queues and exchanges (by their names), so test runs leave the broker as they found it.</summary>
    public static async Task DeleteAsync(IEnumerable<string> queues, IEnumerable<string> exchanges)
    {
        try
        {
            await using var connection = await new ConnectionFactory { Uri = BaseUrl }.CreateConnectionAsync();
            await using var channel = await connection.CreateChannelAsync();
            foreach (var queue in queues) await channel.QueueDeleteAsync(queue);
            foreach (var exchange in exchanges) await channel.ExchangeDeleteAsync(exchange);
        }
        catch (Exception)
        {
            // Tidying only: a leftover empty queue harms nobody.
        }
    }

    /// <summary>Every queue and exchange MassTransit makes for the returns consumers and messages under a prefix.</summary>
    public static Task DeleteReturnsEntitiesAsync(string prefix, string applyQueue, string failureQueue)
    {
        string[] queues = [applyQueue, applyQueue + "_error", applyQueue + "_skipped", failureQueue, failureQueue + "_error", failureQueue + "_skipped"];
        string[] exchanges =
        [
            .. queues,
            prefix + "BuildingEconomy.Returns:MonthlyReturnSubmitted",
            prefix + "BuildingEconomy.Returns:MonthlyReturnApplied",
            prefix + "MassTransit:Fault--BuildingEconomy.Returns:MonthlyReturnSubmitted--",
            prefix + "MassTransit:Fault",
        ];
        return DeleteAsync(queues, exchanges);
    }
}

/// <summary>
/// A TCP pass-through to the broker that the test can close and reopen: closed, the bus behind it sees a broker
/// that is down (connections refused, open ones cut); reopened, the broker is back.
/// </summary>
public sealed class TcpForwarder(int listenPort, int targetPort) : IAsyncDisposable
{
    private readonly List<TcpClient> connections = [];
    private TcpListener? listener;
    private CancellationTokenSource? stopping;
    private Task? acceptLoop;

    public int Port => listenPort;

    public void Open()
    {
        if (listener is not null) return;
        listener = new TcpListener(IPAddress.Loopback, listenPort);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        stopping = new CancellationTokenSource();
        acceptLoop = AcceptAsync(listener, stopping.Token);
    }

    /// <summary>Stops listening and cuts every connection passing through, as a broker crash would.</summary>
    public async Task CloseAsync()
    {
        if (listener is null) return;
        stopping!.Cancel();
        listener.Stop();
        lock (connections)
        {
            foreach (var connection in connections)
            {
                try
                {
                    // Reset rather than a polite close: the other side sees the connection drop, as in a crash.
                    if (connection.Client is { } socket) socket.LingerState = new LingerOption(true, 0);
                    connection.Close();
                }
                catch (Exception)
                {
                }
            }
            connections.Clear();
        }
        try
        {
            await acceptLoop!;
        }
        catch (Exception)
        {
        }
        listener = null;
    }

    private async Task AcceptAsync(TcpListener server, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await server.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception)
            {
                return;
            }
            var outbound = new TcpClient();
            try
            {
                await outbound.ConnectAsync(IPAddress.Loopback, targetPort, cancellationToken);
            }
            catch (Exception)
            {
                inbound.Dispose();
                outbound.Dispose();
                continue;
            }
            lock (connections)
            {
                connections.Add(inbound);
                connections.Add(outbound);
            }
            _ = PumpAsync(inbound, outbound, cancellationToken);
            _ = PumpAsync(outbound, inbound, cancellationToken);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            var source = from.GetStream();
            var target = to.GetStream();
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0) await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        catch (Exception)
        {
            // Either side closed: close the other, as a dropped connection does.
        }
        from.Close();
        to.Close();
    }

    public async ValueTask DisposeAsync() => await CloseAsync();
}
