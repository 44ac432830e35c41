using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orbit.Registry.References;

/// <summary>
/// Writes a value type as its text and reads it only through its own validation, so a contract that carries one
/// (an orchestration's input, an activity's, a queue message) cannot hold an invalid value: the read fails, naming it.
/// </summary>
public sealed class TextValueJsonConverter<T> : JsonConverter<T>
    where T : class, ITextValue<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A {typeof(T).Name} is a JSON string, not {reader.TokenType}.");
        }

        var text = reader.GetString();
        return T.TryParse(text, out var value) ? value : throw new JsonException($"'{text}' is not a valid {typeof(T).Name}.");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
