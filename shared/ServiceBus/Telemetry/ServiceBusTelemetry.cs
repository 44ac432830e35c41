using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;

namespace Orbit.ServiceBus.Telemetry;

/// <summary>
/// The Service Bus trigger's metric, on the <see cref="System.Diagnostics"/> API only (meter <see cref="MeterName"/>):
/// messages dead-lettered, by reason category and entity. The category is the dead-letter reason when it is a code such as
/// <c>MaxDeliveryCountExceeded</c> or <c>MalformedTenantEvent</c>, and <c>Other</c> otherwise: never the description,
/// which quotes the message and the handler's error.
/// </summary>
public static partial class ServiceBusTelemetry
{
    public const string MeterName = "Orbit.ServiceBus";
    public const string DeadLetteredMetric = "orbit.servicebus.dead_lettered";
    public const string ReasonAttribute = "orbit.servicebus.dead_letter.reason";
    public const string EntityAttribute = "messaging.destination.name";
    public const string OtherReason = "Other";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> DeadLettered = Meter.CreateCounter<long>(DeadLetteredMetric, "{message}", "Messages the Service Bus trigger dead-lettered.");

    public static void MessageDeadLettered(string entity, string reason) =>
        DeadLettered.Add(1, new KeyValuePair<string, object?>(ReasonAttribute, CategoryOf(reason)), new KeyValuePair<string, object?>(EntityAttribute, entity));

    /// <summary>A reason code as it is, anything else as <see cref="OtherReason"/>: a tag's values stay few and hold no free text.</summary>
    public static string CategoryOf(string reason) => ReasonCode().IsMatch(reason) ? reason : OtherReason;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex ReasonCode();
}
