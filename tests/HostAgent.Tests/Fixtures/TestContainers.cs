using Docker.DotNet;
using Docker.DotNet.Models;

namespace Orbit.HostAgent.Tests.Fixtures;

/// <summary>Creates containers through the Engine API, as a user's docker client would, and grows them with podman cp.</summary>
public sealed class TestContainers(PodmanEngine podman) : IDisposable
{
    private readonly DockerClient client = new DockerClientConfiguration(podman.Endpoint).CreateClient();

    public DockerClient Client => client;

    public async Task<string> CreateAsync(string name, int bytes, string? labelledUser = null, string image = PodmanEngine.BaseImage)
    {
        var labels = new Dictionary<string, string> { ["orbit.test"] = "yes" };
        if (labelledUser is not null)
        {
            labels["orbit.user"] = labelledUser;
        }

        // Imported images have no command of their own.
        var created = await client.Containers.CreateContainerAsync(new CreateContainerParameters { Name = name, Image = image, Cmd = ["sh"], Labels = labels });
        if (bytes > 0)
        {
            await podman.GrowAsync(created.ID, bytes);
        }

        return created.ID;
    }

    public async Task<IReadOnlyList<string>> NamesAsync()
    {
        var listed = await client.Containers.ListContainersAsync(new ContainersListParameters { All = true });
        return [.. listed.Select(container => container.Names[0].TrimStart('/')).Order(StringComparer.Ordinal)];
    }

    /// <summary>Pulls through the API; Podman answers 200 even when a pull fails, so the image is looked for afterwards.</summary>
    public async Task<string> PullAsync(string repository, string tag)
    {
        var errors = new List<string>();
        await client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = repository, Tag = tag }, null, new Progress<JSONMessage>(message =>
        {
            if (!string.IsNullOrEmpty(message.ErrorMessage))
            {
                lock (errors)
                {
                    errors.Add(message.ErrorMessage);
                }
            }
        }));
        try
        {
            return (await client.Images.InspectImageAsync($"{repository}:{tag}")).ID;
        }
        catch (DockerImageNotFoundException)
        {
            throw new InvalidOperationException($"Pulling {repository}:{tag} failed: {string.Join("; ", errors)}");
        }
    }

    public void Dispose() => client.Dispose();
}
