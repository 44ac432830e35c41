using System.Text.Json;

namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>
/// The part of a build's status the benchmarks read: runtime status, phase, the cleanup's deletions (a cleanup's history
/// keeps its first 1,000) and its totals (<see cref="Planned"/>, <see cref="Deleted"/>: every deletion counted).
/// </summary>
internal sealed record BuildSnapshot(string RuntimeStatus, string? Phase, IReadOnlyList<CleanupDeletion> Deletions, int Planned = 0, int Deleted = 0)
{
    public const string ReadyToBuild = "ready-to-build";

    public bool IsReady => Phase == ReadyToBuild;

    public bool IsFinished => RuntimeStatus is "Completed" or "Failed" or "Terminated";

    /// <summary><c>GET /api/builds/{id}</c>: <c>phase</c>, each deletion in <c>cleanup.deletions</c>, and <c>cleanup.planned</c> and <c>cleanup.deleted</c>.</summary>
    public static BuildSnapshot FromBuildEndpoint(JsonElement build)
    {
        var deletions = new List<CleanupDeletion>();
        var hasCleanup = build.TryGetProperty("cleanup", out var cleanup) && cleanup.ValueKind == JsonValueKind.Object;
        if (hasCleanup && cleanup.TryGetProperty("deletions", out var list))
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

        return new BuildSnapshot(
            build.GetProperty("runtimeStatus").GetString() ?? string.Empty,
            StringOrNull(build, "phase"),
            deletions,
            hasCleanup ? cleanup.GetProperty("planned").GetInt32() : 0,
            hasCleanup ? cleanup.GetProperty("deleted").GetInt32() : 0);
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
