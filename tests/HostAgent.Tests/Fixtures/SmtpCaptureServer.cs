using System.Diagnostics;
using System.Text.Json;
using Orbit.Testing;

namespace Orbit.HostAgent.Tests.Fixtures;

/// <summary>
/// The real SMTP server of npm's smtp-server (smtp/capture-server.js): implicit TLS on one free loopback port,
/// STARTTLS on another, a self-signed certificate made with openssl, every message appended to a JSON-lines file.
/// </summary>
public sealed class SmtpCaptureServer : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string directory;
    private readonly ChildProcess node;

    private SmtpCaptureServer(string directory, ChildProcess node, int implicitTlsPort, int startTlsPort)
    {
        this.directory = directory;
        this.node = node;
        ImplicitTlsPort = implicitTlsPort;
        StartTlsPort = startTlsPort;
    }

    public int ImplicitTlsPort { get; }

    public int StartTlsPort { get; }

    private string MessagesPath => Path.Combine(directory, "messages.jsonl");

    public static async Task<SmtpCaptureServer> StartAsync()
    {
        var directory = ScratchDirectory.Create("orbit-smtp-");
        var key = Path.Combine(directory, "key.pem");
        var cert = Path.Combine(directory, "cert.pem");
        await RunOpenSslAsync("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost");
        int implicitPort = FreePort.Next(), startTlsPort = FreePort.Next();
        var script = Path.Combine(RepositoryPaths.Root, "tests", "HostAgent.Tests", "smtp", "capture-server.js");
        var node = ChildProcess.Start(
            "smtp-capture",
            "node",
            [script, implicitPort.ToString(), startTlsPort.ToString(), key, cert, Path.Combine(directory, "messages.jsonl")],
            new Dictionary<string, string?> { ["NODE_PATH"] = Path.Combine(RepositoryPaths.Root, "node_modules") });
        var server = new SmtpCaptureServer(directory, node, implicitPort, startTlsPort);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!node.Output.Contains("ready", StringComparison.Ordinal))
        {
            if (node.HasExited || DateTime.UtcNow > deadline)
            {
                var output = node.Output;
                await server.DisposeAsync();
                throw new InvalidOperationException($"The SMTP capture server did not start: {output}");
            }

            await Task.Delay(100);
        }

        return server;
    }

    public IReadOnlyList<CapturedEmail> Messages() =>
        File.Exists(MessagesPath)
            ? [.. File.ReadAllLines(MessagesPath).Where(line => line.Length > 0).Select(line => JsonSerializer.Deserialize<CapturedEmail>(line, Json)!)]
            : [];

    public async ValueTask DisposeAsync()
    {
        await node.DisposeAsync();
        ScratchDirectory.TryDelete(directory);
    }

    private static async Task RunOpenSslAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl {string.Join(' ', arguments)} failed: {await error}");
        }
    }
}
