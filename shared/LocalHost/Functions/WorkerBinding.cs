using System.Text.Json.Nodes;

namespace Orbit.LocalHost.Functions;

/// <summary>One binding of a function as the worker declared it (one entry of its <c>raw_bindings</c>).</summary>
public sealed record WorkerBinding(string Name, string Type, bool IsInput, JsonObject Properties)
{
    public bool IsTrigger => Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase);

    /// <summary>A property of the binding, as text, whatever the case of its name.</summary>
    public string? Get(string property) =>
        Properties.FirstOrDefault(pair => string.Equals(pair.Key, property, StringComparison.OrdinalIgnoreCase)).Value switch
        {
            null => null,
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            var other => other.ToJsonString(),
        };

    public IReadOnlyList<string>? GetList(string property) =>
        Properties.FirstOrDefault(pair => string.Equals(pair.Key, property, StringComparison.OrdinalIgnoreCase)).Value is JsonArray items
            ? items.Select(item => item?.GetValue<string>() ?? string.Empty).ToList()
            : null;

    public static WorkerBinding Parse(string rawBinding)
    {
        var properties = JsonNode.Parse(rawBinding) as JsonObject ?? throw new InvalidDataException($"A binding is not a JSON object: {rawBinding}");
        var binding = new WorkerBinding(string.Empty, string.Empty, true, properties);
        return binding with
        {
            Name = binding.Get("name") ?? throw new InvalidDataException($"A binding has no name: {rawBinding}"),
            Type = binding.Get("type") ?? throw new InvalidDataException($"A binding has no type: {rawBinding}"),
            IsInput = !string.Equals(binding.Get("direction"), "out", StringComparison.OrdinalIgnoreCase),
        };
    }
}
