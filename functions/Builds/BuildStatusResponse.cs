using System.Text.Json;
using Microsoft.DurableTask.Client;
using Orbit.Functions.Hosting;
using Orbit.Quota.History;

namespace Orbit.Functions.Builds;

/// <summary>
/// <c>GET /api/builds/{id}</c>: a build as its build system needs it. <see cref="Phase"/> and <see cref="BuildLog"/> come
/// from the orchestration's custom status, or, once a cleanup is recorded, from the workspace's cleanup history (the
/// whole log, which the status may have had to cut); <see cref="Cleanup"/> is the cleanup's totals and each deletion;
/// <see cref="Progress"/> counts the deletions while it runs; <see cref="Result"/> is the output of a completed build,
/// <see cref="Failure"/> the reason of a failed or terminated one.
/// </summary>
public sealed record BuildStatusResponse(
    string Id,
    string RuntimeStatus,
    string? Phase,
    IReadOnlyList<string> BuildLog,
    JsonElement? Build,
    JsonElement? Cleanup,
    CleanupProgress? Progress,
    JsonElement? Result,
    string? Failure,
    DateTimeOffset CreatedTime,
    DateTimeOffset LastUpdatedTime)
{
    public static BuildStatusResponse From(OrchestrationMetadata build, BuildStatus? status, CleanupRecord? record)
    {
        var failed = build.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
        JsonElement? cleanup = status?.Cleanup is { } totals
            ? JsonSerializer.SerializeToElement(new { totals.Outcome, totals.UsedBytesBefore, totals.FreedBytes, totals.UsedBytesAfter, totals.QuotaBytes, totals.Planned, totals.Deleted, totals.Failed, totals.WaitedFor, totals.Error, Deletions = record?.Deletions ?? [] }, AppJson.Options)
            : null;
        return new BuildStatusResponse(
            build.InstanceId,
            build.RuntimeStatus.ToString(),
            status?.Phase,
            record?.BuildLog ?? status?.BuildLog ?? [],
            Parse(build.SerializedInput),
            cleanup,
            status?.Progress,
            build.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? Parse(build.SerializedOutput) : null,
            failed ? build.FailureDetails?.ErrorMessage ?? Text(build.SerializedOutput) : null,
            build.CreatedAt,
            build.LastUpdatedAt);
    }

    // A terminated instance's output is its reason as plain text, a failed one's may be JSON text: either way, a string.
    private static string? Text(string? output) =>
        Parse(output) is { ValueKind: JsonValueKind.String } text ? text.GetString() : output;

    private static JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
