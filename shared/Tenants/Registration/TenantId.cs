using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Orbit.Registry.References;

namespace Orbit.Tenants.Registration;

/// <summary>
/// A tenant id: 3 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit, so
/// that <c>tenant-&lt;id&gt;</c> is always a valid repository path component.
/// </summary>
[JsonConverter(typeof(TextValueJsonConverter<TenantId>))]
public sealed partial record TenantId : ITextValue<TenantId>
{
    public const string Rule = "3 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit";

    private TenantId(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, [NotNullWhen(true)] out TenantId? id)
    {
        id = text is not null && Grammar().IsMatch(text) ? new TenantId(text) : null;
        return id is not null;
    }

    public static TenantId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a tenant id: {Rule}.");

    public override string ToString() => Value;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex Grammar();
}
