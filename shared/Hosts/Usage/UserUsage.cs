namespace Orbit.Hosts.Usage;

/// <summary>One user's bytes on the host and their limit.</summary>
/// <param name="ContainerBytes">The writable layers (SizeRw) of the user's containers.</param>
/// <param name="LayerBytes">The image layers the user owns, each counted once.</param>
/// <param name="LimitBytes">The configured limit; null when none is set. 0 is a stored limit that is never enforced.</param>
public sealed record UserUsage(string User, long ContainerBytes, long LayerBytes, long? LimitBytes)
{
    public long UsedBytes => ContainerBytes + LayerBytes;

    /// <summary>Only a positive limit is enforced: the seed's decision keeps 0 as "stored, not enforced".</summary>
    public bool IsEnforced => LimitBytes > 0;

    public bool IsOverLimit => IsEnforced && UsedBytes > LimitBytes;

    /// <summary>Usage in percent of the limit (may exceed 100); 0 without an enforced limit.</summary>
    public double PercentOfLimit => IsEnforced ? 100.0 * UsedBytes / LimitBytes!.Value : 0;
}
