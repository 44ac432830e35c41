using System.Text.Json;
using Orbit.Testing;

namespace Orbit.Quota.Tests.Integration;

/// <summary>
/// Notification envelopes in the shape Distribution 2.8 posts them, for tests that deliver an event at a moment of
/// their choosing (before the tag is linked, after a delete) or forge one.
/// </summary>
public static class RegistryEventJson
{
    public static string Push(PushedImage image, string tag, DateTimeOffset timestamp) =>
        Envelope("push", timestamp, new { mediaType = image.MediaType, size = image.ManifestSize, digest = image.Digest, length = image.ManifestSize, repository = image.Repository, tag });

    public static string Delete(string repository, string digest, DateTimeOffset timestamp) =>
        Envelope("delete", timestamp, new { digest, repository });

    private static string Envelope(string action, DateTimeOffset timestamp, object target) => JsonSerializer.Serialize(new
    {
        events = new[]
        {
            new
            {
                id = Guid.NewGuid().ToString(),
                timestamp = timestamp.UtcDateTime.ToString("O"),
                action,
                target,
                request = new { id = Guid.NewGuid().ToString(), addr = "127.0.0.1:50000", host = "127.0.0.1", method = action == "delete" ? "DELETE" : "PUT", useragent = "test" },
                actor = new { },
                source = new { addr = "registry:5000", instanceID = Guid.NewGuid().ToString() },
            },
        },
    });
}
