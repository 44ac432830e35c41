namespace Orbit.LocalHost.Hosting;

/// <summary>The WebJobs host runs inside this process's web host, which owns the console signals; this one must not
/// take them too (a second console lifetime would start its own shutdown on SIGTERM).</summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
