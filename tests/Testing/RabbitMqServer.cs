using System.Globalization;
using System.Net.Sockets;

namespace Orbit.Testing;

/// <summary>
/// A real RabbitMQ 3.x with its AMQP 1.0 plugin, run as an ordinary process isolated from any other:
/// its own node name, Erlang cookie (HOME), epmd port, distribution and AMQP ports on 127.0.0.1, and
/// data and logs in a temporary folder. It can be restarted with its data kept. Stopping it also
/// stops the epmd daemon its node started, by PID, because epmd outlives the node.
/// </summary>
public sealed class RabbitMqServer : IAsyncDisposable
{
    public const string UserName = "orbit";
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private const string ControlScript = "/usr/lib/rabbitmq/bin/rabbitmqctl";
    // A cold boot takes ~3 s on an idle machine and ~25 s with the test assemblies' load on 2 cores.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    private readonly string directory;
    private readonly Dictionary<string, string?> environment;
    private ChildProcess? node;

    private RabbitMqServer(string directory, int port, int epmdPort, string password, Dictionary<string, string?> environment)
    {
        this.directory = directory;
        Port = port;
        EpmdPort = epmdPort;
        Password = password;
        this.environment = environment;
    }

    public int Port { get; }

    public int EpmdPort { get; }

    public string Password { get; }

    /// <summary>The trigger's <c>ServiceBus:Connection</c> for this broker.</summary>
    public string ConnectionString => $"amqp://{UserName}:{Password}@127.0.0.1:{Port}";

    public string NodeOutput => node?.Output ?? string.Empty;

    public static Task<RabbitMqServer> StartAsync() => PortClash.RetryAsync(StartOnFreePortsAsync);

    private static async Task<RabbitMqServer> StartOnFreePortsAsync()
    {
        if (!File.Exists(ServerScript))
        {
            throw new InvalidOperationException($"RabbitMQ is not installed at {ServerScript}; run scripts/install (apt-get install rabbitmq-server).");
        }

        var directory = ScratchDirectory.Create("orbit-rabbitmq-");
        var (port, distributionPort, epmdPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var password = Guid.NewGuid().ToString("N");
        foreach (var folder in new[] { "home", "mnesia", "log" })
        {
            Directory.CreateDirectory(Path.Combine(directory, folder));
        }

        await File.WriteAllTextAsync(Path.Combine(directory, "rabbitmq.conf"), $"""
            listeners.tcp.default = 127.0.0.1:{port}
            loopback_users = none
            default_user = {UserName}
            default_pass = {password}
            """);
        await File.WriteAllTextAsync(Path.Combine(directory, "enabled_plugins"), "[rabbitmq_amqp1_0].");
        const string LoopbackOnly = "-kernel inet_dist_use_interface {127,0,0,1}";
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = Path.Combine(directory, "home"),
            ["RABBITMQ_NODENAME"] = $"orbit{Guid.NewGuid():N}@localhost",
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(directory, "rabbitmq.conf"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(directory, "enabled_plugins"),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(directory, "log"),
            ["RABBITMQ_DIST_PORT"] = distributionPort.ToString(CultureInfo.InvariantCulture),
            // ADDITIONAL, not RABBITMQ_SERVER_ERL_ARGS: replacing those drops RabbitMQ's own VM flags, among
            // them "+sbwt none", and schedulers that busy-wait made a boot on a loaded 2-core machine take
            // over 90 s instead of ~25 s.
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = LoopbackOnly,
            ["RABBITMQ_CTL_ERL_ARGS"] = LoopbackOnly,
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["ERL_EPMD_PORT"] = epmdPort.ToString(CultureInfo.InvariantCulture),
        };
        var server = new RabbitMqServer(directory, port, epmdPort, password, environment);
        try
        {
            await server.StartNodeAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Declares a durable queue whose rejected messages go to <c>NAME-dlq</c> (also declared), as the trigger's RabbitMQ profile expects.</summary>
    public async Task DeclareQueueAsync(string name)
    {
        var deadLetters = DeadLetterQueueOf(name);
        await ControlAsync(
            ["eval", $$"""
                Declare = fun(Name, Args) -> rabbit_amqqueue:declare(rabbit_misc:r(<<"/">>, queue, Name), true, false, Args, none, <<"orbit">>) end,
                Declare(<<"{{deadLetters}}">>, []),
                Declare(<<"{{name}}">>, [{<<"x-dead-letter-exchange">>, longstr, <<"">>}, {<<"x-dead-letter-routing-key">>, longstr, <<"{{deadLetters}}">>}]),
                ok.
                """],
            TimeSpan.FromSeconds(60));
    }

    public static string DeadLetterQueueOf(string name) => $"{name}-dlq";

    /// <summary>Ready plus unacknowledged messages of a queue, as the broker counts them.</summary>
    public async Task<int> CountMessagesAsync(string queue)
    {
        var output = await ControlAsync(["list_queues", "--quiet", "--no-table-headers", "name", "messages"], TimeSpan.FromSeconds(60));
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split('\t', ' ');
            if (fields.Length >= 2 && fields[0] == queue)
            {
                return int.Parse(fields[^1], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"Queue '{queue}' is not on the broker:\n{output}");
    }

    /// <summary>Stops the node (its data stays) and starts it again on the same ports.</summary>
    public async Task RestartAsync()
    {
        await StopNodeAsync();
        await StartNodeAsync();
    }

    public async Task StopNodeAsync()
    {
        if (node is null)
        {
            return;
        }

        try
        {
            await ControlAsync(["stop"], TimeSpan.FromSeconds(60));
            await node.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }
        catch (Exception exception) when (exception is InvalidOperationException or OperationCanceledException)
        {
            // Not stopping politely: the fixture's own stop (SIGTERM, then SIGKILL of the tree) follows.
        }

        await node.DisposeAsync();
        node = null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopNodeAsync();
        }
        finally
        {
            StopEpmd();
            ScratchDirectory.TryDelete(directory);
        }
    }

    private async Task StartNodeAsync()
    {
        node = ChildProcess.Start("rabbitmq", ServerScript, [], environment, directory);

        // await_startup fails at once while the node has not yet registered with epmd, so wait for the
        // AMQP listener first (it opens late in the boot) and confirm with await_startup after.
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (node.HasExited)
            {
                throw new InvalidOperationException($"RabbitMQ exited with {node.ExitCode}:\n{node.Output}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                break;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
            catch (SocketException)
            {
                throw new InvalidOperationException(
                    $"RabbitMQ did not open its AMQP listener on 127.0.0.1:{Port} within {StartTimeout}.\nNode output:\n{node.Output}\nNode log:\n{ReadNodeLog()}");
            }
        }

        await ControlAsync(["await_startup", "--timeout", "60"], TimeSpan.FromSeconds(70));
    }

    private async Task<string> ControlAsync(IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        await using var control = ChildProcess.Start("rabbitmqctl", ControlScript, arguments, environment, directory);
        try
        {
            await control.WaitForExitAsync(timeout);
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException($"rabbitmqctl {arguments[0]} did not finish within {timeout}:\n{control.Output}");
        }

        return control.ExitCode == 0
            ? control.Output
            : throw new InvalidOperationException($"rabbitmqctl {arguments[0]} failed with {control.ExitCode}:\n{control.Output}\nNode output:\n{NodeOutput}");
    }

    private string ReadNodeLog()
    {
        var logs = Directory.EnumerateFiles(Path.Combine(directory, "log"), "*.log").Where(file => !file.EndsWith("_upgrade.log", StringComparison.Ordinal));
        return string.Join('\n', logs.Select(file => string.Join('\n', File.ReadLines(file).TakeLast(40))));
    }

    /// <summary>epmd was started by the node as a daemon of its own; find it by the port it was given and stop it.</summary>
    private void StopEpmd()
    {
        var marker = $"ERL_EPMD_PORT={EpmdPort}";
        foreach (var process in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(process), out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(process, "comm")).Trim() != "epmd"
                    || !File.ReadAllText(Path.Combine(process, "environ")).Split('\0').Contains(marker))
                {
                    continue;
                }

                using var epmd = System.Diagnostics.Process.GetProcessById(pid);
                epmd.Kill();
                epmd.WaitForExit(5000);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                // Gone already, or not ours to read.
            }
        }
    }
}
