using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Orbit.Registry.References;

/// <summary>A repository name as the OCI distribution spec defines it (lowercase path components), so
/// nothing like <c>../</c> or <c>%2F</c> can ever reach a request path.</summary>
[JsonConverter(typeof(TextValueJsonConverter<RepositoryName>))]
public sealed partial record RepositoryName : ITextValue<RepositoryName>
{
    public const int MaxLength = 255;

    private RepositoryName(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, [NotNullWhen(true)] out RepositoryName? name)
    {
        name = text is { Length: > 0 and <= MaxLength } && Grammar().IsMatch(text) ? new RepositoryName(text) : null;
        return name is not null;
    }

    public static RepositoryName Parse(string text) =>
        TryParse(text, out var name)
            ? name
            : throw new FormatException($"'{text}' is not a repository name: lowercase letters and digits separated by '.', '_', '__' or '-', in path components joined by '/', at most {MaxLength} characters.");

    public override string ToString() => Value;

    [GeneratedRegex("^[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex Grammar();
}
