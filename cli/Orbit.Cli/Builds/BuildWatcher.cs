using System.Text.Json;
using Orbit.Cli.Output;
using Orbit.Cli.Service;

namespace Orbit.Cli.Builds;

/// <summary>
/// Follows a build through <c>GET /api/builds/{id}</c>: one live status line per phase, each build-log line printed
/// once as it appears, in order, until the build may start (or has finished). A failed or terminated build is
/// <see cref="ExitCodes.BuildFailed"/> with the service's reason.
/// </summary>
public sealed class BuildWatcher(OrbitService service, CliOutput output, TimeProvider time, TimeSpan pollInterval, TimeSpan timeout)
{
    public Task<JsonElement> UntilReadyAsync(string id, CancellationToken cancellationToken) =>
        WatchAsync(id, status => Phase(status) is "ready-to-build" or "tracking" || Runtime(status) == "Completed", "may start", cancellationToken);

    public Task<JsonElement> UntilFinishedAsync(string id, CancellationToken cancellationToken) =>
        WatchAsync(id, status => Runtime(status) == "Completed", "finished", cancellationToken);

    public static string? Phase(JsonElement status) => status.TryGetProperty("phase", out var phase) && phase.ValueKind == JsonValueKind.String ? phase.GetString() : null;

    public static string Runtime(JsonElement status) => status.GetProperty("runtimeStatus").GetString() ?? "Unknown";

    /// <summary>The failure of a Failed or Terminated build, or null while it runs or once it completed.</summary>
    public static CliFailure? FailureOf(string id, JsonElement status) =>
        Runtime(status) is "Failed" or "Terminated"
            ? new CliFailure(ExitCodes.BuildFailed, $"Build {id} {Runtime(status).ToLowerInvariant()}: {(status.TryGetProperty("failure", out var failure) ? failure.GetString() : null) ?? "no reason given"}")
            : null;

    private async Task<JsonElement> WatchAsync(string id, Func<JsonElement, bool> done, string goal, CancellationToken cancellationToken)
    {
        var printed = new HashSet<string>(StringComparer.Ordinal);
        var deadline = time.GetUtcNow() + timeout;
        return await output.ProgressAsync($"Build {id}: waiting for its status", async report =>
        {
            while (true)
            {
                var status = await service.GetBuildAsync(id, cancellationToken);
                report($"Build {id}: {Describe(status)}");
                foreach (var line in status.GetProperty("buildLog").EnumerateArray().Select(line => line.GetString() ?? string.Empty))
                {
                    if (printed.Add(line))
                    {
                        output.Line(line);
                    }
                }

                if (FailureOf(id, status) is { } failure)
                {
                    throw failure;
                }

                if (done(status))
                {
                    return status;
                }

                if (time.GetUtcNow() > deadline)
                {
                    throw new CliFailure(ExitCodes.Failure, $"Build {id} was not {goal} within {timeout} (--timeout); it is {Describe(status)}. It goes on; follow it with 'orbit build status {id} --wait'.");
                }

                await Task.Delay(pollInterval, time, cancellationToken);
            }
        });
    }

    private static string Describe(JsonElement status) => Phase(status) switch
    {
        "checking-quota" => "checking the workspace's quota",
        "waiting-for-cleanup" => "waiting for another build's cleanup of this workspace",
        "cleaning-up" => "cleaning up old images",
        "ready-to-build" => "ready to build",
        "tracking" => "tracking the pushed image",
        null => Runtime(status).ToLowerInvariant(),
        var other => other,
    } + (Runtime(status) is "Completed" or "Failed" or "Terminated" ? $" ({Runtime(status)})" : string.Empty);
}
