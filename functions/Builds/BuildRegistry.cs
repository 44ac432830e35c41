using System.Text.Json.Serialization;

namespace Orbit.Functions.Builds;

/// <summary>Where the build pushes: our managed registry (quota checked, image tracked) or an external one (neither).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BuildRegistry>))]
public enum BuildRegistry
{
    [JsonStringEnumMemberName("managed")]
    Managed,

    [JsonStringEnumMemberName("external")]
    External,
}
