using System.Globalization;
using System.Text.Json;
using Orbit.Registry.Manifests;
using Orbit.Registry.References;

namespace Orbit.Quota.Events;

/// <summary>
/// Reads both shapes registries send: the CNCF registry's <c>notifications</c> envelope
/// (<c>{"events":[{action, timestamp, target:{repository, tag, digest, mediaType}}]}</c>) and Event Grid's array of
/// ACR events (<c>Microsoft.ContainerRegistry.ImagePushed</c> / <c>ImageDeleted</c>, and the
/// <c>Microsoft.EventGrid.SubscriptionValidationEvent</c> handshake). Blob pushes, pulls and names
/// that fail the grammar are skipped, never acted on.
/// </summary>
public static class RegistryEventParser
{
    public static RegistryEventBatch Parse(ReadOnlySpan<byte> body)
    {
        using var document = JsonDocument.Parse(body.ToArray());
        var root = document.RootElement;
        var events = new List<RegistryEvent>();
        var skipped = 0;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("events", out var envelope) && envelope.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in envelope.EnumerateArray())
            {
                Add(FromDistribution(item), events, ref skipped);
            }

            return new RegistryEventBatch(events, skipped, null);
        }

        if (root.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in root.EnumerateArray())
            {
                var type = Text(item, "eventType");
                if (type == "Microsoft.EventGrid.SubscriptionValidationEvent" && item.TryGetProperty("data", out var validation))
                {
                    return new RegistryEventBatch([], 0, Text(validation, "validationCode"));
                }

                var data = item.TryGetProperty("data", out var payload) ? payload : default;
                var parsed = type switch
                {
                    "Microsoft.ContainerRegistry.ImagePushed" or "Microsoft.ContainerRegistry.ImageDeleted" when data.ValueKind == JsonValueKind.Object => FromDistribution(data),
                    _ => null,
                };
                Add(parsed, events, ref skipped);
            }

            return new RegistryEventBatch(events, skipped, null);
        }

        throw new JsonException("Expected a registry notification envelope ({\"events\": [...]}) or an array of Event Grid events.");
    }

    private static void Add(RegistryEvent? parsed, List<RegistryEvent> events, ref int skipped)
    {
        if (parsed is null)
        {
            skipped++;
        }
        else
        {
            events.Add(parsed);
        }
    }

    /// <summary>One event in the distribution notification shape, which ACR's Event Grid data repeats.</summary>
    private static RegistryEvent? FromDistribution(JsonElement item)
    {
        if (!item.TryGetProperty("target", out var target) || target.ValueKind != JsonValueKind.Object
            || !RepositoryName.TryParse(Text(target, "repository"), out var repository))
        {
            return null;
        }

        Tag.TryParse(Text(target, "tag"), out var tag);
        Digest.TryParse(Text(target, "digest"), out var digest);
        var mediaType = Text(target, "mediaType") ?? string.Empty;
        var timestamp = DateTimeOffset.TryParse(Text(item, "timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTimeOffset?)null;
        return Text(item, "action") switch
        {
            // A push is tracked from its own digest (the tag may not be linked yet when the event arrives), so it needs both.
            "push" when tag is not null && digest is not null && (ManifestMediaTypes.IsImageManifest(mediaType) || ManifestMediaTypes.IsIndex(mediaType)) =>
                new RegistryEvent(RegistryEventAction.Push, repository, tag, digest, timestamp),
            "delete" when tag is not null || digest is not null => new RegistryEvent(RegistryEventAction.Delete, repository, tag, digest, timestamp),
            _ => null,
        };
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
