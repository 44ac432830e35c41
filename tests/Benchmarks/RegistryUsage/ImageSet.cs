using Orbit.Testing;

namespace Orbit.Benchmarks.RegistryUsage;

/// <summary>
/// How the images of one tracking set are layered. <see cref="SharedLayers"/>: every image is the same two base layers
/// plus one small layer of its own, as tags of one app are. <see cref="UniqueLayers"/>: the same sizes, every layer
/// its own, so no blob row is written by more than one image. Layer contents depend on the round, so each round's
/// images are new to the registry as well as to the fresh workspace.
/// </summary>
internal sealed record ImageSet(string Name, string Key, bool SharesBaseLayers)
{
    // Tracking reads manifests, never layers, so layer sizes only cost pushing time and registry disk: kept small.
    private const int FirstBaseSize = 64 * 1024;
    private const int SecondBaseSize = 32 * 1024;
    private const int OwnSize = 4 * 1024;
    private const int SeedsPerRound = 10_000_000;

    public static ImageSet SharedLayers { get; } = new("shared layers", "shared", SharesBaseLayers: true);

    public static ImageSet UniqueLayers { get; } = new("unique layers", "unique", SharesBaseLayers: false);

    public IReadOnlyList<byte[]> Layers(int round, int image)
    {
        // Seeds: a range per round, split between the two sets, so no layer repeats across sets or rounds.
        var seed = (round * SeedsPerRound) + (SharesBaseLayers ? 0 : SeedsPerRound / 2);
        return SharesBaseLayers
            ? [RegistryImagePusher.Layer(seed + 1, FirstBaseSize), RegistryImagePusher.Layer(seed + 2, SecondBaseSize), RegistryImagePusher.Layer(seed + 10 + image, OwnSize)]
            :
            [
                RegistryImagePusher.Layer(seed + 10 + (image * 3), FirstBaseSize),
                RegistryImagePusher.Layer(seed + 11 + (image * 3), SecondBaseSize),
                RegistryImagePusher.Layer(seed + 12 + (image * 3), OwnSize),
            ];
    }
}
