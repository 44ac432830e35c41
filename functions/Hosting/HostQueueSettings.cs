using Microsoft.Extensions.Configuration;

namespace Orbit.Functions.Hosting;

/// <summary>The queue trigger's settings the app itself needs to know (host.json's <c>extensions.queues</c>, read into configuration by <see cref="HostJsonConfiguration"/>).</summary>
public static class HostQueueSettings
{
    /// <summary>The attempts a message gets before the host moves it to the poison queue (Functions' default: 5).</summary>
    public static int MaxDequeueCount(IConfiguration configuration) =>
        configuration.GetValue<int?>($"{HostJsonConfiguration.Section}:extensions:queues:maxDequeueCount") ?? 5;
}
