using Orbit.HostAgent.Tests.Fixtures;
using Orbit.Testing;

namespace Orbit.HostAgent.Tests;

/// <summary>The agent's cycle against Podman's Docker Engine API: who owns which container and which image layer.</summary>
public sealed class AttributionOnPodmanTests
{
    [Fact]
    public async Task Each_users_usage_is_the_sum_of_their_containers_writable_layers_by_label_or_audit_record()
    {
        await using var podman = await PodmanEngine.StartAsync();
        await using var agent = new AgentHarness(podman);
        using var containers = new TestContainers(podman);

        await containers.CreateAsync("carol-1", 3000, labelledUser: "carol");
        await containers.CreateAsync("carol-2", 1500, labelledUser: "carol");
        agent.Audit.Connect(1001, DateTimeOffset.UtcNow);
        await containers.CreateAsync("alice-1", 4000);
        await Task.Delay(1500);
        agent.Audit.Connect(1001, DateTimeOffset.UtcNow);
        await containers.CreateAsync("alice-2", 2500);
        // The window is 5 s either side: bob's record must be nearer his container than alice's.
        await Task.Delay(1500);
        agent.Audit.Connect(1002, DateTimeOffset.UtcNow);
        await containers.CreateAsync("bob-1", 7000);
        await Task.Delay(TimeSpan.FromSeconds(6));
        await containers.CreateAsync("nobody-1", 5000);

        var outcome = await agent.Cycle(agent.Options()).RunAsync(CancellationToken.None);

        var byName = outcome.Attribution.Containers.ToDictionary(container => container.Container.DisplayName);
        Assert.Equal("carol", byName["carol-1"].User);
        Assert.Equal("alice", byName["alice-2"].User);
        Assert.Equal("bob", byName["bob-1"].User);
        Assert.Null(byName["nobody-1"].User);
        var usage = outcome.Usage.Users.ToDictionary(user => user.User);
        Assert.Equal(4500, usage["carol"].ContainerBytes);
        Assert.Equal(6500, usage["alice"].ContainerBytes);
        Assert.Equal(7000, usage["bob"].ContainerBytes);
        foreach (var user in (string[])["alice", "bob", "carol"])
        {
            Assert.Equal(outcome.Attribution.Containers.Where(container => container.User == user).Sum(container => container.Container.SizeRw), usage[user].ContainerBytes);
        }

        Assert.Equal(outcome.Usage.TrackedUsage + outcome.Usage.UnattributedUsage, outcome.Usage.Used);
        Assert.True(outcome.Usage.UnattributedUsage >= 5000);
    }

    [Fact]
    public async Task An_image_pulled_from_the_registry_is_attributed_per_layer_to_its_first_puller()
    {
        await using var registry = await RegistryServer.StartAsync();
        await using var podman = await PodmanEngine.StartAsync(registry.Url);
        await using var agent = new AgentHarness(podman);
        using var containers = new TestContainers(podman);
        var registryName = registry.Url.Authority;
        await podman.RunAsync("push", "--tls-verify=false", PodmanEngine.BaseImage, $"{registryName}/tools/base:1");
        var builder = await containers.CreateAsync("builder", 6000);
        await podman.RunAsync("commit", builder, "localhost/derived:1");
        await podman.RunAsync("push", "--tls-verify=false", "localhost/derived:1", $"{registryName}/tools/derived:1");
        await podman.RunAsync("rm", builder);
        await podman.RunAsync("rmi", "localhost/derived:1");
        // Whatever the import and the setup claimed is forgotten before the pulls are audited.
        await agent.Cycle(agent.Options()).RunAsync(CancellationToken.None);

        agent.Audit.Connect(1004, DateTimeOffset.UtcNow);
        var baseId = await containers.PullAsync($"{registryName}/tools/base", "1");
        await Task.Delay(1500);
        agent.Audit.Connect(1005, DateTimeOffset.UtcNow);
        var derivedId = await containers.PullAsync($"{registryName}/tools/derived", "1");
        await Task.Delay(1100);

        var outcome = await agent.Cycle(agent.Options()).RunAsync(CancellationToken.None);

        var images = (await agent.Docker.ListImagesAsync(CancellationToken.None)).ToDictionary(image => image.Id.Replace("sha256:", ""));
        var baseLayers = images[baseId.Replace("sha256:", "")].Layers;
        var derivedLayers = images[derivedId.Replace("sha256:", "")].Layers;
        Assert.Single(baseLayers);
        Assert.Equal(2, derivedLayers.Count);
        Assert.Equal(baseLayers[0].Id, derivedLayers[0].Id);
        var owners = outcome.Attribution.Layers.ToDictionary(layer => layer.LayerId, layer => layer.User);
        Assert.Equal("dave", owners[baseLayers[0].Id]);
        Assert.Equal("erin", owners[derivedLayers[1].Id]);
        var usage = outcome.Usage.Users.ToDictionary(user => user.User);
        Assert.Equal(baseLayers[0].Size, usage["dave"].LayerBytes);
        Assert.Equal(derivedLayers[1].Size, usage["erin"].LayerBytes);
    }
}
