using Orbit.Tenants.Images;

namespace Orbit.Tenants.Deploy;

/// <summary>The image is malformed or not the tenant's own; carries the one image the tenant may deploy.</summary>
public sealed class ImageReferenceRejectedException(string message, ImageReference expected) : Exception(message)
{
    public ImageReference Expected { get; } = expected;
}
