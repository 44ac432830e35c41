using System.Text;
using System.Text.Json;
using Orbit.Quota.Events;

namespace Orbit.Quota.Tests.Events;

public sealed class RegistryEventParserTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public void A_distribution_envelope_gives_manifest_pushes_with_tag_digest_and_time_and_deletes_and_skips_the_rest()
    {
        var batch = Parse($$$"""
            {"events":[
              {"id":"1","timestamp":"2025-03-04T05:06:07.123456789Z","action":"push","target":{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{Digest}}}","repository":"ws-1/api","tag":"1.0"}},
              {"id":"1b","action":"push","target":{"mediaType":"application/vnd.oci.image.manifest.v1+json","repository":"ws-1/api","tag":"1.0"}},
              {"id":"2","action":"push","target":{"mediaType":"application/octet-stream","digest":"{{{Digest}}}","repository":"ws-1/api"}},
              {"id":"3","action":"push","target":{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{Digest}}}","repository":"ws-1/api"}},
              {"id":"4","action":"pull","target":{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{Digest}}}","repository":"ws-1/api","tag":"1.0"}},
              {"id":"5","action":"delete","target":{"digest":"{{{Digest}}}","repository":"ws-1/api"}},
              {"id":"6","action":"push","target":{"mediaType":"application/vnd.oci.image.manifest.v1+json","repository":"../etc","tag":"x"}}
            ]}
            """);

        Assert.Null(batch.ValidationCode);
        Assert.Equal(5, batch.Skipped);
        Assert.Collection(batch.Events,
            push => Assert.Equal(
                (RegistryEventAction.Push, "ws-1/api", "1.0", Digest, new DateTimeOffset(2025, 3, 4, 5, 6, 7, 123, TimeSpan.Zero).AddTicks(4568)),
                (push.Action, push.Repository.Value, push.Tag?.Value, push.Digest?.Value, push.Timestamp)),
            delete => Assert.Equal((RegistryEventAction.Delete, Digest), (delete.Action, delete.Digest?.Value)));
    }

    [Fact]
    public void An_event_grid_validation_event_gives_the_code_to_echo()
    {
        var batch = Parse("""
            [{"id":"a","eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","data":{"validationCode":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6"}}]
            """);

        Assert.Equal("512d38b6-c7b8-40c8-89fe-f46f9e9622b6", batch.ValidationCode);
    }

    [Fact]
    public void Event_grid_acr_events_carry_the_same_target()
    {
        var batch = Parse($$$"""
            [{"id":"a","eventType":"Microsoft.ContainerRegistry.ImagePushed","data":{"action":"push","target":{"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"{{{Digest}}}","repository":"ws-1/web","tag":"2.0"} } },
             {"id":"b","eventType":"Microsoft.ContainerRegistry.ImageDeleted","data":{"action":"delete","target":{"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"{{{Digest}}}","repository":"ws-1/web"} } },
             {"id":"c","eventType":"Microsoft.ContainerRegistry.ChartPushed","data":{"action":"chart_push","target":{"repository":"ws-1/chart"} } }]
            """);

        Assert.Equal(1, batch.Skipped);
        Assert.Equal([RegistryEventAction.Push, RegistryEventAction.Delete], batch.Events.Select(e => e.Action));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("\"a string\"")]
    [InlineData("{\"no\":\"events\"}")]
    public void Anything_else_is_refused(string body) => Assert.ThrowsAny<JsonException>(() => Parse(body));

    private static RegistryEventBatch Parse(string json) => RegistryEventParser.Parse(Encoding.UTF8.GetBytes(json));
}
