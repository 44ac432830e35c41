using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Orbit.Registry.References;

/// <summary>A content digest (<c>sha256:</c> followed by 64 lowercase hex digits, or <c>sha512:</c> with 128).</summary>
[JsonConverter(typeof(TextValueJsonConverter<Digest>))]
public sealed partial record Digest : ITextValue<Digest>
{
    private Digest(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, [NotNullWhen(true)] out Digest? digest)
    {
        digest = text is not null && Grammar().IsMatch(text) ? new Digest(text) : null;
        return digest is not null;
    }

    public static Digest Parse(string text) =>
        TryParse(text, out var digest)
            ? digest
            : throw new FormatException($"'{text}' is not a digest: 'sha256:' and 64 lowercase hex digits (or 'sha512:' and 128).");

    public static Digest Sha256Of(ReadOnlySpan<byte> content) => new($"sha256:{Convert.ToHexStringLower(SHA256.HashData(content))}");

    public override string ToString() => Value;

    [GeneratedRegex("^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$")]
    private static partial Regex Grammar();
}
