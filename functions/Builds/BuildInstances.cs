using Microsoft.DurableTask.Client;
using Orbit.Functions.Http;

namespace Orbit.Functions.Builds;

/// <summary>
/// The build endpoints' view of instances: only build orchestrations are builds, so an instance id of anything else
/// is as unknown as one that does not exist.
/// </summary>
public static class BuildInstances
{
    private const int MaxIdLength = 100;

    public static async Task<OrchestrationMetadata> GetAsync(DurableTaskClient client, string? id, bool withData, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxIdLength || !id.All(character => char.IsAsciiLetterOrDigit(character) || character is '-' or '_'))
        {
            throw ProblemException.BadRequest($"'{id}' is not a build id: the id POST /api/builds returned (letters, digits, '-' and '_', at most {MaxIdLength}).");
        }

        var instance = await client.GetInstanceAsync(id, withData, cancellationToken);
        return instance is not null && string.Equals(instance.Name, BuildOrchestrator.Name, StringComparison.Ordinal)
            ? instance
            : throw ProblemException.NotFound($"There is no build '{id}'.");
    }

    /// <summary>A build still waiting for its outcome takes an event; a finished one answers 410 naming how it ended.</summary>
    public static void EnsureRunning(OrchestrationMetadata build)
    {
        if (build.IsCompleted)
        {
            throw new ProblemException(410, "Gone", $"Build {build.InstanceId} has finished ({build.RuntimeStatus}); it takes no more events.");
        }
    }
}
