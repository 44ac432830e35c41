using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Orbit.Testing;
using Xunit.Abstractions;

namespace Orbit.Quota.Tests.Integration;

[Collection(EventsAppCollection.Name)]
public sealed class RegistryEventsTests(EventsAppFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_push_made_directly_to_the_registry_is_tracked_through_its_notification_within_seconds()
    {
        var workspace = FunctionAppFixture.NewWorkspace();
        await fixture.CreateWorkspaceAsync(workspace, 1_000_000);
        using var pusher = new RegistryImagePusher(fixture.Registry.Url);
        var clock = Stopwatch.StartNew();

        var image = await pusher.PushImageAsync($"{workspace}/direct", "1.0", [RegistryImagePusher.Layer(8000, 2_000)]);

        var usage = await Eventually.ReturnsAsync(() => fixture.UsageAsync(workspace), u => u.ImageCount == 1, TimeSpan.FromSeconds(15), "the direct push to be tracked");
        output.WriteLine($"tracked {clock.Elapsed.TotalSeconds:0.00} s after the push started");
        Assert.Equal(image.UniqueBytes, usage.CurrentBytes);
    }

    [Fact]
    public async Task Event_grid_validation_and_acr_events_are_understood_and_repeating_an_event_changes_nothing()
    {
        var workspace = FunctionAppFixture.NewWorkspace();
        await fixture.CreateWorkspaceAsync(workspace, 1_000_000);
        using var pusher = new RegistryImagePusher(fixture.Registry.Url);
        var image = await pusher.PushImageAsync($"{workspace}/grid", "2.0", [RegistryImagePusher.Layer(8200, 1_500)]);
        await Eventually.ReturnsAsync(() => fixture.UsageAsync(workspace), u => u.ImageCount == 1, TimeSpan.FromSeconds(15), "the push to be tracked");

        var handshake = await PostAsync("""[{"id":"v","eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","data":{"validationCode":"code-123"}}]""");
        Assert.Equal("code-123", handshake.GetProperty("validationResponse").GetString());

        var pushed = $$$"""[{"id":"p","eventType":"Microsoft.ContainerRegistry.ImagePushed","data":{"action":"push","target":{"mediaType":"{{{image.MediaType}}}","digest":"{{{image.Digest}}}","repository":"{{{image.Repository}}}","tag":"2.0"} } }]""";
        Assert.Equal(0, (await PostAsync(pushed)).GetProperty("tracked").GetInt32());

        var deleted = $$$"""[{"id":"d","eventType":"Microsoft.ContainerRegistry.ImageDeleted","data":{"action":"delete","target":{"mediaType":"{{{image.MediaType}}}","digest":"{{{image.Digest}}}","repository":"{{{image.Repository}}}"} } }]""";
        Assert.Equal(1, (await PostAsync(deleted)).GetProperty("untracked").GetInt32());
        Assert.Equal(0, (await PostAsync(deleted)).GetProperty("untracked").GetInt32());
        Assert.Equal(0, (await fixture.UsageAsync(workspace)).CurrentBytes);
    }

    private async Task<JsonElement> PostAsync(string json)
    {
        using var response = await fixture.App.Http.PostAsync("/api/registry/events", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
