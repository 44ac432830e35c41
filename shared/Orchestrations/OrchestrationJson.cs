using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orbit.Orchestrations;

/// <summary>How inputs, outputs, results and custom status are written: web JSON (camelCase), enums as names.</summary>
public static class OrchestrationJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>For input from outside (a start request): what the input type requires must be there, and nothing else; numbers as JSON numbers.</summary>
    public static readonly JsonSerializerOptions StrictOptions = new(Options)
    {
        NumberHandling = JsonNumberHandling.Strict,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    public static T Deserialize<T>(string? json) => json is null ? default! : JsonSerializer.Deserialize<T>(json, Options)!;
}
