using System.Text.Json;
using Orbit.Tenants.Registration;

namespace Orbit.Tenants.Events;

/// <summary>
/// Reads a tenant event from a message body: a CloudEvents 1.0 structured JSON envelope,
/// <c>{"specversion": "1.0", "type": "TenantCreated", "source": "...", "id": "...", "time": "...", "data": {"tenantId": "acme"}}</c>.
/// <c>type</c> is <c>TenantCreated</c> or <c>TenantDeleted</c>; <c>id</c> and <c>data.tenantId</c> are required;
/// <c>specversion</c>, <c>source</c> and <c>time</c> are optional, and checked when present. Anything else is
/// malformed, with a reason an operator can act on when reading the dead-letter queue.
/// </summary>
public static class TenantEventParser
{
    public const string SpecVersion = "1.0";

    /// <exception cref="MalformedTenantEventException">The body is not such an event; the message says what is wrong.</exception>
    public static TenantEvent Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException exception)
        {
            throw new MalformedTenantEventException($"The body is not JSON: {exception.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new MalformedTenantEventException($"The body is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an event object.");
            }

            if (OptionalString(root, "specversion") is { } version && version != SpecVersion)
            {
                throw new MalformedTenantEventException($"specversion '{version}' is not supported; send CloudEvents {SpecVersion}.");
            }

            var typeName = RequiredString(root, "type");
            // By name only: Enum.TryParse would also take "1" as TenantDeleted.
            var type = typeName switch
            {
                nameof(TenantEventType.TenantCreated) => TenantEventType.TenantCreated,
                nameof(TenantEventType.TenantDeleted) => TenantEventType.TenantDeleted,
                _ => throw new MalformedTenantEventException($"Unknown event type '{typeName}'; expected {nameof(TenantEventType.TenantCreated)} or {nameof(TenantEventType.TenantDeleted)}."),
            };

            var eventId = RequiredString(root, "id");
            DateTimeOffset? time = null;
            if (OptionalString(root, "time") is { } timeText)
            {
                time = DateTimeOffset.TryParse(timeText, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var parsed)
                    ? parsed
                    : throw new MalformedTenantEventException($"time '{timeText}' is not an RFC 3339 timestamp.");
            }

            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                throw new MalformedTenantEventException("data is missing or not an object; it must hold tenantId.");
            }

            var tenantText = RequiredString(data, "tenantId", "data.tenantId");
            if (!TenantId.TryParse(tenantText, out var tenant))
            {
                throw new MalformedTenantEventException($"data.tenantId '{tenantText}' is not a tenant id: {TenantId.Rule}.");
            }

            return new TenantEvent(eventId, type, tenant, time);
        }
    }

    private static string RequiredString(JsonElement parent, string name, string? path = null) =>
        OptionalString(parent, name, path) is { Length: > 0 } value
            ? value
            : throw new MalformedTenantEventException($"{path ?? name} is missing or empty.");

    private static string? OptionalString(JsonElement parent, string name, string? path = null)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new MalformedTenantEventException($"{path ?? name} must be a string, not a JSON {value.ValueKind.ToString().ToLowerInvariant()}.");
    }
}
