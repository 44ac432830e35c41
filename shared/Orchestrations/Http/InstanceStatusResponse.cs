using System.Text.Json;
using Orbit.Orchestrations.History;
using Orbit.Orchestrations.Storage;

namespace Orbit.Orchestrations.Http;

/// <summary>An instance's status in the Durable Functions shape; input, output and custom status as JSON values.</summary>
public sealed record InstanceStatusResponse(
    string Name,
    string InstanceId,
    string RuntimeStatus,
    JsonElement? Input,
    JsonElement? CustomStatus,
    JsonElement? Output,
    DateTimeOffset CreatedTime,
    DateTimeOffset LastUpdatedTime,
    IReadOnlyList<Dictionary<string, object?>>? HistoryEvents)
{
    public static InstanceStatusResponse From(InstanceRecord instance, InstanceHistory? history, bool showInput = true) => new(
        instance.Name,
        instance.InstanceId,
        instance.RuntimeStatus.ToString(),
        showInput ? Parse(instance.Input) : null,
        Parse(instance.CustomStatus),
        Parse(instance.Output),
        instance.CreatedTime,
        instance.LastUpdatedTime,
        history?.Events.Select(Describe).ToList());

    private static Dictionary<string, object?> Describe(HistoryEvent entry)
    {
        var described = new Dictionary<string, object?> { ["eventType"] = entry.Type.ToString(), ["timestamp"] = entry.Timestamp };
        if (entry.TaskId is { } taskId)
        {
            described["taskId"] = taskId;
        }

        if (entry.Name is { } name)
        {
            described[entry.Type == HistoryEventType.TaskScheduled ? "functionName" : "name"] = name;
        }

        if (entry.Payload is { } payload)
        {
            described[entry.Type switch
            {
                HistoryEventType.TaskCompleted => "result",
                HistoryEventType.ExecutionCompleted => "output",
                _ => "input",
            }] = Parse(payload);
        }

        if (entry.Reason is { } reason)
        {
            described["reason"] = reason;
        }

        if (entry.FireAt is { } fireAt)
        {
            described["fireAt"] = fireAt;
        }

        return described;
    }

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
