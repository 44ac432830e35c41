using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Options;
using Orbit.Hosts.Attribution;

namespace Orbit.HostAgent.Docker;

/// <summary>The Docker Engine API as the agent uses it: listings with sizes, per-layer image sizes, events, removal.</summary>
public sealed class DockerEngine : IDisposable
{
    private readonly DockerClient client;
    private readonly DockerEngineOptions options;
    private readonly TimeProvider time;

    public DockerEngine(IOptions<DockerEngineOptions> options, TimeProvider time)
    {
        this.options = options.Value;
        this.time = time;
        client = new DockerClientConfiguration(this.options.Endpoint).CreateClient();
    }

    /// <summary>
    /// The events from <paramref name="eventsSince"/> up to the moment of the listing, then the listings. An event
    /// after that moment is left for the next cycle: applied now, it could name an image this listing does not hold
    /// yet, and an applied event is never applied again. The events are read first because Podman's API answers an
    /// events request whose <c>until</c> has already passed with almost nothing (Docker answers it in full); read
    /// first, <c>until</c> is still ahead and both stream everything up to it.
    /// </summary>
    public async Task<DockerSnapshot> ReadAsync(DateTimeOffset eventsSince, CancellationToken cancellationToken)
    {
        var listedAt = time.GetUtcNow();
        var events = await ReadEventsAsync(eventsSince, listedAt, cancellationToken).ConfigureAwait(false);
        var containers = await ListContainersAsync(cancellationToken).ConfigureAwait(false);
        var images = await ListImagesAsync(cancellationToken).ConfigureAwait(false);
        return new DockerSnapshot(containers, images, events, listedAt);
    }

    public async Task<IReadOnlyList<ContainerSnapshot>> ListContainersAsync(CancellationToken cancellationToken)
    {
        var listed = await client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Size = true }, cancellationToken).ConfigureAwait(false);
        return [.. listed.Select(container => new ContainerSnapshot(
            container.ID,
            [.. (container.Names ?? []).Select(name => name.TrimStart('/'))],
            new Dictionary<string, string>(container.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal),
            new DateTimeOffset(DateTime.SpecifyKind(container.Created, DateTimeKind.Utc)),
            container.SizeRw,
            container.State ?? ""))];
    }

    public async Task<IReadOnlyList<ImageSnapshot>> ListImagesAsync(CancellationToken cancellationToken)
    {
        var listed = await client.Images.ListImagesAsync(new ImagesListParameters { All = false }, cancellationToken).ConfigureAwait(false);
        var images = new List<ImageSnapshot>(listed.Count);
        foreach (var image in listed)
        {
            try
            {
                images.Add(new ImageSnapshot(image.ID, [.. image.RepoTags ?? []], await LayersAsync(image.ID, cancellationToken).ConfigureAwait(false)));
            }
            catch (DockerImageNotFoundException)
            {
                // Deleted between the listing and the history read: it takes no space any more.
            }
        }

        return images;
    }

    public async Task<IReadOnlyList<HostEvent>> ReadEventsAsync(DateTimeOffset since, DateTimeOffset upTo, CancellationToken cancellationToken)
    {
        var upToNano = (upTo - DateTimeOffset.UnixEpoch).Ticks * 100;
        var messages = new List<Message>();
        var parameters = new ContainerEventsParameters
        {
            Since = since.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            // Whole seconds, and at least a second ahead so that it has not passed when the engine gets the request
            // (see ReadAsync); what comes after upTo is dropped below.
            Until = (upTo.ToUnixTimeSeconds() + 2).ToString(CultureInfo.InvariantCulture),
        };
        await client.System.MonitorEventsAsync(parameters, new CollectingProgress(messages), cancellationToken).ConfigureAwait(false);
        lock (messages)
        {
            return [.. messages
                .Select(ToHostEvent)
                .Where(hostEvent => hostEvent.Type != HostEventType.Other && hostEvent.Action != HostEventAction.Other && hostEvent.TimeNano <= upToNano)
                .OrderBy(hostEvent => hostEvent.TimeNano)];
        }
    }

    /// <summary>Stops a running container first, then removes it. False when it was already gone.</summary>
    public async Task<bool> StopAndRemoveAsync(string containerId, bool running, CancellationToken cancellationToken)
    {
        try
        {
            if (running)
            {
                await client.Containers.StopContainerAsync(containerId, new ContainerStopParameters { WaitBeforeKillSeconds = (uint)options.StopTimeout.TotalSeconds }, cancellationToken).ConfigureAwait(false);
            }

            await client.Containers.RemoveContainerAsync(containerId, new ContainerRemoveParameters { Force = running }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DockerContainerNotFoundException)
        {
            return false;
        }
    }

    public void Dispose() => client.Dispose();

    private async Task<IReadOnlyList<LayerSnapshot>> LayersAsync(string imageId, CancellationToken cancellationToken)
    {
        var inspect = await client.Images.InspectImageAsync(imageId, cancellationToken).ConfigureAwait(false);
        var history = await client.Images.GetImageHistoryAsync(imageId, cancellationToken).ConfigureAwait(false);
        return ImageLayers.Pair(imageId, [.. inspect.RootFS?.Layers ?? []], [.. history.Select(step => (step.CreatedBy ?? "", step.Size))]);
    }

    private static HostEvent ToHostEvent(Message message)
    {
        var type = message.Type switch
        {
            "container" => HostEventType.Container,
            "image" => HostEventType.Image,
            _ => HostEventType.Other,
        };
        var attributes = new Dictionary<string, string>(message.Actor?.Attributes ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        attributes.TryGetValue("name", out var name);
        var timeNano = message.TimeNano != 0 ? message.TimeNano : message.Time * 1_000_000_000;
        return new HostEvent(timeNano, type, HostEventActions.FromApiName(message.Action ?? message.Status), message.Actor?.ID ?? message.ID ?? "", name ?? "", attributes);
    }

    private sealed class CollectingProgress(List<Message> messages) : IProgress<Message>
    {
        public void Report(Message value)
        {
            lock (messages)
            {
                messages.Add(value);
            }
        }
    }
}
