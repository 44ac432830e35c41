using System.Text;

namespace Orbit.Hosts.Audit;

/// <summary>The audit rule keys whose events count; matching compares raw bytes so no line is decoded to a string.</summary>
public sealed class AuditKeyFilter
{
    public static readonly IReadOnlyList<string> DefaultKeys = ["docker-socket", "docker-client"];

    private readonly string[] keys;
    private readonly byte[][] keyBytes;

    public AuditKeyFilter(IEnumerable<string> keys)
    {
        this.keys = [.. keys.Where(key => !string.IsNullOrWhiteSpace(key)).Select(key => key.Trim()).Distinct(StringComparer.Ordinal)];
        if (this.keys.Length == 0)
        {
            throw new ArgumentException("At least one audit key is needed.", nameof(keys));
        }

        keyBytes = [.. this.keys.Select(Encoding.UTF8.GetBytes)];
    }

    public static AuditKeyFilter Default { get; } = new(DefaultKeys);

    public IReadOnlyList<string> Keys => keys;

    /// <summary>The configured key equal to <paramref name="value"/>, or null.</summary>
    public string? Match(ReadOnlySpan<byte> value)
    {
        for (var i = 0; i < keyBytes.Length; i++)
        {
            if (value.SequenceEqual(keyBytes[i]))
            {
                return keys[i];
            }
        }

        return null;
    }
}
