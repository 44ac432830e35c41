using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orbit.Functions.Hosting;

/// <summary>
/// How the worker writes and reads trigger data, orchestration inputs, outputs and statuses: camelCase names and
/// enums as camelCase text, as the HTTP API writes them, and numbers only as JSON numbers (the web defaults would
/// also take "100" for 100, which a caller who sent a string did not mean as a number). Our value types carry their own
/// converters, so a contract holding one is validated as it is read.
/// </summary>
public static class AppJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
