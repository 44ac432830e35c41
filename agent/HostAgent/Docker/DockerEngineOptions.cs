namespace Orbit.HostAgent.Docker;

/// <summary>Where the Docker Engine API is: <c>unix:///var/run/docker.sock</c> or <c>tcp://host:2376</c> (setting <c>DOCKER_HOST</c>).</summary>
public sealed record DockerEngineOptions
{
    public const string DefaultEndpoint = "unix:///var/run/docker.sock";

    public Uri Endpoint { get; init; } = new(DefaultEndpoint);

    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
