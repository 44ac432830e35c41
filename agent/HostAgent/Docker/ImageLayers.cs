using Orbit.Hosts.Attribution;

namespace Orbit.HostAgent.Docker;

/// <summary>
/// Pairs an image's layers (the diff ids of its root filesystem, oldest first) with their sizes, which only the
/// history gives (newest first, one step per instruction, empty steps included).
/// </summary>
public static class ImageLayers
{
    public static IReadOnlyList<LayerSnapshot> Pair(string imageId, IReadOnlyList<string> diffIds, IReadOnlyList<(string CreatedBy, long Size)> historyNewestFirst)
    {
        var steps = historyNewestFirst.Reverse().ToList();
        if (steps.Count != diffIds.Count)
        {
            // Metadata-only steps (ENV, CMD, ...) have no layer; they are the empty ones.
            var sized = steps.Where(step => step.Size > 0).ToList();
            if (sized.Count == diffIds.Count)
            {
                steps = sized;
            }
        }

        if (steps.Count == diffIds.Count)
        {
            return [.. diffIds.Select((diffId, index) => new LayerSnapshot(diffId, steps[index].Size))];
        }

        // No way to tell which size is whose layer: the sizes still count, as layers of this image alone.
        return [.. steps.Where(step => step.Size > 0).Select((step, index) => new LayerSnapshot($"{imageId}#{index}", step.Size))];
    }
}
