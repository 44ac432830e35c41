using Orbit.Quota.Repositories;
using Orbit.Quota.Workspaces;
using Orbit.Registry.References;

namespace Orbit.Functions.Builds;

/// <summary>
/// The build orchestration's input. Its value types are read through their own validation, so an instance started
/// with a malformed input (through the generic Durable API, say) fails reading it; <see cref="Problems"/> names what
/// the types cannot, and the orchestrator fails the instance with it before doing anything.
/// </summary>
public sealed record BuildInput(WorkspaceId WorkspaceId, string AppId, RepositoryName Repository, Tag Tag, BuildRegistry Registry, long EstimatedBytes)
{
    /// <summary>A single image larger than this is not an estimate anyone means.</summary>
    public const long MaxEstimatedBytes = 1L << 40;

    public IEnumerable<string> Problems()
    {
        // A member the input lacks is read as null whatever its declared type.
        foreach (var (name, value) in new (string, object?)[] { ("workspaceId", WorkspaceId), ("repository", Repository), ("tag", Tag) })
        {
            if (value is null)
            {
                yield return $"{name} is required.";
            }
        }

        if (!RepositoryOwner.IsValidAppId(AppId))
        {
            yield return $"'{AppId}' is not an app id: 1 to 128 letters, digits, '.', '_' or '-'.";
        }

        if (!Enum.IsDefined(Registry))
        {
            yield return $"registry must be \"managed\" or \"external\", not {Registry}.";
        }

        if (EstimatedBytes is < 0 or > MaxEstimatedBytes)
        {
            yield return $"estimatedBytes must be between 0 and {MaxEstimatedBytes}; it is {EstimatedBytes}.";
        }
    }
}
