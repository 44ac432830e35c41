using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Orbit.Registry.References;

/// <summary>A tag as the OCI distribution spec defines it: up to 128 of letters, digits, '_', '.', '-', not starting with '.' or '-'.</summary>
[JsonConverter(typeof(TextValueJsonConverter<Tag>))]
public sealed partial record Tag : ITextValue<Tag>
{
    private Tag(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, [NotNullWhen(true)] out Tag? tag)
    {
        tag = text is not null && Grammar().IsMatch(text) ? new Tag(text) : null;
        return tag is not null;
    }

    public static Tag Parse(string text) =>
        TryParse(text, out var tag)
            ? tag
            : throw new FormatException($"'{text}' is not a tag: 1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'.");

    public override string ToString() => Value;

    [GeneratedRegex("^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$")]
    private static partial Regex Grammar();
}
