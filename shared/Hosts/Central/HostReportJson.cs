using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orbit.Hosts.Central;

/// <summary>
/// How reports are written and read: camelCase members, enums as camelCase strings, and strict about what a record
/// requires, so a report of the wrong shape is refused rather than half-read. Numbers are JSON numbers: the web defaults
/// would also take "100" for 100.
/// </summary>
public static class HostReportJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };
}
