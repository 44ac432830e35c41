using Orbit.Testing;

namespace Orbit.Registry.Tests.Integration;

internal static class SharedLayers
{
    /// <summary>A base layer the multi-platform tests share on purpose.</summary>
    public static readonly byte[] SharedBase = RegistryImagePusher.Layer(seed: 10, size: 5000);
}
