using System.Globalization;
using System.Text.RegularExpressions;

namespace Orbit.Infra.Tests.Policy;

/// <summary>The Service Bus trigger's MaxDeliveryCount default, as docs/service-bus.md's settings table states it.</summary>
public static partial class DocumentedDeliveryCount
{
    public static int Read(string serviceBusDoc)
    {
        var row = File.ReadLines(serviceBusDoc).FirstOrDefault(line => line.StartsWith("| `ServiceBus:MaxDeliveryCount`", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{serviceBusDoc} has no settings row for ServiceBus:MaxDeliveryCount.");
        var count = NumberCell().Match(row);
        return count.Success
            ? int.Parse(count.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"No default in the row: {row}");
    }

    [GeneratedRegex(@"\|\s*(\d+)\s*\|")]
    private static partial Regex NumberCell();
}
