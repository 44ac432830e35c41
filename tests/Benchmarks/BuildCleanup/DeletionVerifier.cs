namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>
/// Checks a deletion against the registry and the accounting: every candidate's manifest gone (HEAD 404), every kept
/// one still there (HEAD 200, which also shows the check can see a manifest), and, for variants that untrack, the
/// workspace left with exactly the kept images.
/// </summary>
internal sealed class DeletionVerifier(RegistryManifests registry, OrbitApi api)
{
    private const int Concurrency = 8;

    public async Task<List<string>> VerifyAsync(CleanupWorkspace workspace, bool updatesAccounting, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var stillThere = await CountAsync(workspace.Candidates, exists: true, cancellationToken);
        if (stillThere > 0)
        {
            problems.Add($"{stillThere} of {workspace.Candidates.Count} planned digests are still in the registry (HEAD 200)");
        }

        var gone = await CountAsync(workspace.Kept, exists: false, cancellationToken);
        if (gone > 0)
        {
            problems.Add($"{gone} of {workspace.Kept.Count} images that had to stay are gone from the registry (HEAD 404)");
        }

        if (updatesAccounting)
        {
            var usage = await api.GetUsageAsync(workspace.Id, cancellationToken);
            if (usage.ImageCount != workspace.Kept.Count)
            {
                problems.Add($"the accounting still tracks {usage.ImageCount} images, expected the {workspace.Kept.Count} kept");
            }
        }

        return problems;
    }

    private async Task<int> CountAsync(IReadOnlyList<TrackedImage> images, bool exists, CancellationToken cancellationToken)
    {
        var count = 0;
        await Parallel.ForEachAsync(images, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (image, token) =>
            {
                if (await registry.ExistsAsync(image.Repository, image.Digest, token) == exists)
                {
                    Interlocked.Increment(ref count);
                }
            });
        return count;
    }
}
