using System.Text.Json;
using Orbit.Orchestrations;
using Orbit.Orchestrations.Storage;

namespace Orbit.Functions.Builds;

/// <summary>
/// <c>GET /api/builds/{id}</c>: a build as its build system needs it. <see cref="Phase"/> and <see cref="BuildLog"/> come
/// from the orchestration's custom status (the log once, not also inside <see cref="Cleanup"/>'s copy), <see cref="Result"/>
/// is the output of a completed build, <see cref="Failure"/> the reason of a failed or terminated one.
/// </summary>
public sealed record BuildStatusResponse(
    string Id,
    string RuntimeStatus,
    string? Phase,
    IReadOnlyList<string> BuildLog,
    JsonElement? Build,
    JsonElement? Cleanup,
    JsonElement? Result,
    string? Failure,
    DateTimeOffset CreatedTime,
    DateTimeOffset LastUpdatedTime)
{
    public static BuildStatusResponse From(InstanceRecord instance)
    {
        var status = instance.CustomStatus is null ? null : OrchestrationJson.Deserialize<BuildStatus>(instance.CustomStatus);
        var finished = instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed;
        var failed = instance.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
        return new BuildStatusResponse(
            instance.InstanceId,
            instance.RuntimeStatus.ToString(),
            status?.Phase,
            status?.BuildLog ?? [],
            Parse(instance.Input),
            status?.Cleanup is null ? null : JsonSerializer.SerializeToElement(status.Cleanup with { BuildLog = [] }, OrchestrationJson.Options),
            finished ? Parse(instance.Output) : null,
            failed ? FailureOf(instance.Output) : null,
            instance.CreatedTime,
            instance.LastUpdatedTime);
    }

    private static string? FailureOf(string? output) =>
        Parse(output) is { ValueKind: JsonValueKind.String } text ? text.GetString() : output;

    private static JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
