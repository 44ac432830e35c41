using System.Diagnostics.CodeAnalysis;

namespace Orbit.Hosts.Enforcement;

/// <summary>The configuration spellings of <see cref="EnforcementOrder"/>.</summary>
public static class EnforcementOrders
{
    public static readonly IReadOnlyList<string> Names = ["newest_first", "oldest_first", "largest_first"];

    public static bool TryParse(string? name, [NotNullWhen(true)] out EnforcementOrder? order)
    {
        order = name?.Trim().ToLowerInvariant() switch
        {
            "newest_first" => EnforcementOrder.NewestFirst,
            "oldest_first" => EnforcementOrder.OldestFirst,
            "largest_first" => EnforcementOrder.LargestFirst,
            _ => null,
        };
        return order is not null;
    }

    public static string ToName(this EnforcementOrder order) => order switch
    {
        EnforcementOrder.NewestFirst => "newest_first",
        EnforcementOrder.OldestFirst => "oldest_first",
        EnforcementOrder.LargestFirst => "largest_first",
        _ => throw new ArgumentOutOfRangeException(nameof(order), order, null),
    };
}
