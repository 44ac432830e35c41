using System.Collections.Immutable;
using CsCheck;
using Orbit.Quota.Usage;
using Orbit.Quota.Workspaces;
using Orbit.Registry.References;
using Examples = Orbit.Quota.Tests.Cleanup.Images;

namespace Orbit.Quota.Tests.Cleanup;

/// <summary>
/// A random workspace for property tests: 1-12 apps of 1-10 tags, tags drawn from a pool of up to 60 manifests (so
/// tags share digests, also across repositories and apps), each manifest with a layer of its own and up to 3
/// base layers from a small pool (so layers are shared), about half the apps with a <c>latest</c> tag, push times that often tie, and a quota that puts
/// usage anywhere from well below the trigger to above the quota. UsedBytes is the exact recount.
/// </summary>
internal sealed record RandomWorkspace(IReadOnlyList<ImageRecord> Images, WorkspaceUsage Usage)
{
    public static readonly Gen<RandomWorkspace> Gen =
        from blobSizes in CsCheck.Gen.Long[0, 1000].Array[1, 20]
        from manifests in CsCheck.Gen.Select(CsCheck.Gen.Int[0, blobSizes.Length - 1].Array[0, 3], CsCheck.Gen.Long[0, 1000]).Array[1, 60]
        from apps in AppGen(manifests.Length).Array[1, 12]
        from usagePercent in CsCheck.Gen.Int[40, 130]
        from thresholds in CsCheck.Gen.OneOf(
            CsCheck.Gen.Const((Trigger: 80, Target: 70)),
            from trigger in CsCheck.Gen.Int[1, 100]
            from target in CsCheck.Gen.Int[Math.Max(1, trigger - 40), trigger]
            select (Trigger: trigger, Target: target))
        select Build(blobSizes, manifests, apps, usagePercent, thresholds.Trigger, thresholds.Target);

    public override string ToString() =>
        $"quota {Usage.Policy.QuotaBytes}, used {Usage.UsedBytes}, trigger {Usage.Policy.TriggerPercent}%, target {Usage.Policy.TargetPercent}%:{Environment.NewLine}"
        + string.Join(Environment.NewLine, Images.Select(image =>
            $"  {image.AppId} {image.Repository}:{image.Tag} @{image.PushedAt:mm} {image.Digest.Value[7..13]} [{string.Join(" ", image.Blobs.Select(blob => $"{blob.Key.Value[7..11]}={blob.Value}"))}]"));

    /// <summary>An app's tags: (minute pushed, manifest number, repository: 0-2 its own, 3 its mirror, 4 one all apps share); which tag is latest (none when negative).</summary>
    private static Gen<((int Minute, int Manifest, int Repository)[] Tags, int Latest)> AppGen(int manifestCount) =>
        from tags in CsCheck.Gen.Select(CsCheck.Gen.Int[0, 20], CsCheck.Gen.Int[0, manifestCount - 1], CsCheck.Gen.Int[0, 4]).Array[1, 10]
        from latest in CsCheck.Gen.Int[-tags.Length, tags.Length - 1]
        select (tags, latest);

    private static RandomWorkspace Build(long[] blobSizes, (int[] BaseLayers, long OwnLayer)[] manifests, ((int Minute, int Manifest, int Repository)[] Tags, int Latest)[] apps, int usagePercent, int trigger, int target)
    {
        var images = new List<ImageRecord>();
        for (var app = 0; app < apps.Length; app++)
        {
            var (tags, latest) = apps[app];
            for (var number = 0; number < tags.Length; number++)
            {
                var (minute, manifest, repository) = tags[number];
                var isLatest = number == latest;
                // latest lives in the app's own repository; tags in the shared repository carry the app's name to stay unique there.
                var (repositoryName, tagName) = isLatest ? ($"ws/app{app}", "latest")
                    : repository switch
                    {
                        3 => ($"ws/app{app}-mirror", $"v{number}"),
                        4 => ("ws/shared", $"app{app}-v{number}"),
                        _ => ($"ws/app{app}", $"v{number}"),
                    };
                images.Add(new ImageRecord(
                    Examples.Workspace,
                    $"app{app}",
                    RepositoryName.Parse(repositoryName),
                    Tag.Parse(tagName),
                    Digest.Sha256Of([1, (byte)manifest]),
                    "application/vnd.oci.image.manifest.v1+json",
                    Examples.Start.AddMinutes(minute),
                    manifests[manifest].BaseLayers.Distinct()
                        .ToImmutableDictionary(blob => Digest.Sha256Of([2, (byte)blob]), blob => blobSizes[blob])
                        .Add(Digest.Sha256Of([3, (byte)manifest]), manifests[manifest].OwnLayer)));
            }
        }

        var used = Examples.Recount(images);
        var quota = Math.Max(1, used * 100 / usagePercent);
        return new RandomWorkspace(images, new WorkspaceUsage(Examples.Workspace, new QuotaPolicy(quota, TriggerPercent: trigger, TargetPercent: target), used, images.Count));
    }
}
