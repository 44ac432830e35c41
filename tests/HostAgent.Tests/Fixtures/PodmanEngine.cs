using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Orbit.Testing;

namespace Orbit.HostAgent.Tests.Fixtures;

/// <summary>
/// Podman serving the Docker Engine API on a unix socket of its own, isolated from the machine's podman: its own
/// containers.conf, vfs storage, run and tmp directories, events file and registries.conf (the test registry is
/// insecure). The image <see cref="BaseImage"/> is imported from a busybox rootfs. The service is stopped by PID,
/// with SIGKILL after a grace period, however the test ends.
/// </summary>
public sealed class PodmanEngine : IAsyncDisposable
{
    public const string BaseImage = "localhost/busybox:latest";
    private readonly string root;
    private readonly Dictionary<string, string?> environment;
    private ChildProcess? service;

    private PodmanEngine(string root, Uri? insecureRegistry)
    {
        this.root = root;
        foreach (var directory in (string[])["tmp", "net", "graph", "run", "rootfs/bin"])
        {
            Directory.CreateDirectory(Path.Combine(root, directory));
        }

        File.WriteAllText(Path.Combine(root, "containers.conf"), $"""
            [containers]
            default_ulimits = []
            cgroups = "disabled"
            netns = "none"
            [engine]
            cgroup_manager = "cgroupfs"
            tmp_dir = "{root}/tmp"
            events_logger = "file"
            events_logfile_path = "{root}/events.log"
            lock_type = "file"
            [network]
            network_config_dir = "{root}/net"
            """);
        File.WriteAllText(Path.Combine(root, "storage.conf"), $"""
            [storage]
            driver = "vfs"
            graphroot = "{root}/graph"
            runroot = "{root}/run"
            """);
        var registries = new StringBuilder("unqualified-search-registries = []\n");
        if (insecureRegistry is not null)
        {
            registries.Append($"[[registry]]\nlocation = \"{insecureRegistry.Authority}\"\ninsecure = true\n");
        }

        File.WriteAllText(Path.Combine(root, "registries.conf"), registries.ToString());
        environment = new Dictionary<string, string?>
        {
            ["CONTAINERS_CONF"] = Path.Combine(root, "containers.conf"),
            ["CONTAINERS_STORAGE_CONF"] = Path.Combine(root, "storage.conf"),
            ["CONTAINERS_REGISTRIES_CONF"] = Path.Combine(root, "registries.conf"),
            ["XDG_RUNTIME_DIR"] = Path.Combine(root, "run"),
        };
    }

    public string SocketPath => Path.Combine(root, "api.sock");

    public Uri Endpoint => new("unix://" + SocketPath);

    public static async Task<PodmanEngine> StartAsync(Uri? insecureRegistry = null)
    {
        var engine = new PodmanEngine(ScratchDirectory.Create("orbit-podman-"), insecureRegistry);
        try
        {
            await engine.ImportBaseImageAsync();
            engine.service = ChildProcess.Start("podman-service", "podman", ["system", "service", "--time=0", "unix://" + engine.SocketPath], engine.environment);
            await engine.WaitForSocketAsync();
            return engine;
        }
        catch
        {
            await engine.DisposeAsync();
            throw;
        }
    }

    /// <summary>Grows a container's writable layer by exactly <paramref name="bytes"/> through <c>podman cp</c>.</summary>
    public async Task GrowAsync(string containerId, int bytes, string fileName = "payload")
    {
        var file = Path.Combine(root, $"{containerId[..12]}-{fileName}");
        await File.WriteAllBytesAsync(file, System.Security.Cryptography.RandomNumberGenerator.GetBytes(bytes));
        await RunAsync("cp", file, $"{containerId}:/{fileName}");
        File.Delete(file);
    }

    /// <summary>Runs a podman command against this engine's storage; throws with its output when it fails.</summary>
    public async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("podman") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"podman {string.Join(' ', arguments)} did not finish in 2 minutes.");
        }

        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"podman {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}{await output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (service is not null)
        {
            await service.DisposeAsync();
        }

        ScratchDirectory.TryDelete(root);
    }

    private async Task ImportBaseImageAsync()
    {
        var rootfs = Path.Combine(root, "rootfs");
        File.Copy("/bin/busybox", Path.Combine(rootfs, "bin", "busybox"));
        var tar = Path.Combine(root, "rootfs.tar");
        await System.Formats.Tar.TarFile.CreateFromDirectoryAsync(rootfs, tar, includeBaseDirectory: false);
        await RunAsync("import", tar, BaseImage);
    }

    private async Task WaitForSocketAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (service!.HasExited)
            {
                throw new InvalidOperationException($"podman system service exited {service.ExitCode}: {service.Output}");
            }

            if (File.Exists(SocketPath))
            {
                try
                {
                    using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath));
                    return;
                }
                catch (SocketException)
                {
                    // Bound but not accepting yet.
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"podman system service did not open {SocketPath} in 30 s: {service!.Output}");
    }
}
