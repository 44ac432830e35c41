using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orbit.Storage;

/// <summary>
/// Queue messages are records in JSON. Reading is strict about what a record requires (constructor
/// parameters and non-nullable members), so a message of the wrong shape is refused, not half-read.
/// </summary>
public static class QueueMessageSerializer
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public static BinaryData Serialize<TMessage>(TMessage message) => BinaryData.FromObjectAsJson(message, Options);

    public static bool TryDeserialize<TMessage>(BinaryData body, [NotNullWhen(true)] out TMessage? message, [NotNullWhen(false)] out string? reason)
    {
        try
        {
            message = body.ToObjectFromJson<TMessage>(Options);
            if (message is null)
            {
                reason = $"The message is JSON null, not a {typeof(TMessage).Name}.";
                return false;
            }

            reason = null;
            return true;
        }
        catch (JsonException exception)
        {
            message = default;
            reason = $"The message is not a valid {typeof(TMessage).Name}: {exception.Message}";
            return false;
        }
    }
}
