using System.Text.Json;

namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>The part of a build's status the benchmarks read: runtime status, phase and the cleanup's deletions.</summary>
internal sealed record BuildSnapshot(string RuntimeStatus, string? Phase, IReadOnlyList<CleanupDeletion> Deletions)
{
    public const string ReadyToBuild = "ready-to-build";

    public bool IsReady => Phase == ReadyToBuild;

    public bool IsFinished => RuntimeStatus is "Completed" or "Failed" or "Terminated";

    /// <summary><c>GET /api/builds/{id}</c>: <c>phase</c>, and each deletion in <c>cleanup.deletions</c>.</summary>
    public static BuildSnapshot FromBuildEndpoint(JsonElement build)
    {
        var deletions = new List<CleanupDeletion>();
        if (build.TryGetProperty("cleanup", out var cleanup) && cleanup.ValueKind == JsonValueKind.Object && cleanup.TryGetProperty("deletions", out var list))
        {
            foreach (var deletion in list.EnumerateArray())
            {
                deletions.Add(new CleanupDeletion(
                    deletion.GetProperty("repository").GetString()!,
                    deletion.GetProperty("digest").GetString()!,
                    deletion.GetProperty("result").GetString()!,
                    deletion.GetProperty("freedBytes").GetInt64()));
            }
        }

        return new BuildSnapshot(build.GetProperty("runtimeStatus").GetString() ?? string.Empty, StringOrNull(build, "phase"), deletions);
    }

    /// <summary>Durable's status URL: <c>customStatus.phase</c>; the deletions are not in the bounded custom status.</summary>
    public static BuildSnapshot FromStatusUrl(JsonElement status)
    {
        var phase = status.TryGetProperty("customStatus", out var custom) && custom.ValueKind == JsonValueKind.Object ? StringOrNull(custom, "phase") : null;
        return new BuildSnapshot(status.GetProperty("runtimeStatus").GetString() ?? string.Empty, phase, []);
    }

    private static string? StringOrNull(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
