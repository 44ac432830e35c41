using System.Diagnostics;

namespace Orbit.Benchmarks.RegistryUsage;

/// <summary>
/// Latency of <c>GET .../registry-usage</c> for workspaces of different sizes: one client, one request at a time,
/// the workspaces interleaved request by request (alternating which goes first) so that machine noise, GC and
/// Azurite's periodic saves fall on all of them alike, and the ratio between them stays fair.
/// </summary>
internal sealed class ReadLatency(UsageFunctionApp app, TextWriter output)
{
    // Azurite saves its table database to disk every 5 s when something changed, blocking while it serializes; after
    // seeding hundreds of thousands of rows one save takes a while. Warming up for at least two such periods after the
    // last write lets that save happen before the clock starts.
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(11);

    /// <summary>Milliseconds per request, by workspace id, <paramref name="requests"/> each.</summary>
    public async Task<IReadOnlyDictionary<string, double[]>> MeasureAsync(IReadOnlyList<SeededUsageWorkspace> workspaces, int warmUp, int requests, CancellationToken cancellationToken)
    {
        foreach (var workspace in workspaces)
        {
            await VerifyAsync(workspace, cancellationToken);
        }

        var settling = Stopwatch.StartNew();
        var warmUpRequests = 0;
        while (warmUpRequests < warmUp || settling.Elapsed < SettleTime)
        {
            foreach (var workspace in workspaces)
            {
                await app.ReadUsageAsync(workspace.Id, cancellationToken);
            }

            warmUpRequests++;
        }

        output.WriteLine($"  warm-up: {warmUpRequests} requests per workspace in {settling.Elapsed.TotalSeconds:0.0} s");
        var samples = workspaces.ToDictionary(workspace => workspace.Id, _ => new double[requests]);
        for (var request = 0; request < requests; request++)
        {
            for (var position = 0; position < workspaces.Count; position++)
            {
                var workspace = workspaces[request % 2 == 0 ? position : workspaces.Count - 1 - position];
                var started = Stopwatch.GetTimestamp();
                await app.ReadUsageAsync(workspace.Id, cancellationToken);
                samples[workspace.Id][request] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }

        return samples;
    }

    /// <summary>The API must report exactly what was seeded, or the latency would be of the wrong answer (say, a 404).</summary>
    private async Task VerifyAsync(SeededUsageWorkspace workspace, CancellationToken cancellationToken)
    {
        var usage = await app.GetUsageAsync(workspace.Id, cancellationToken);
        if (usage.CurrentBytes != workspace.UsedBytes || usage.ImageCount != workspace.Images)
        {
            throw new InvalidOperationException(
                $"{workspace.Id}: the API reports {usage.CurrentBytes} bytes in {usage.ImageCount} images; seeded {workspace.UsedBytes} bytes in {workspace.Images}.");
        }
    }
}
