namespace Orbit.Cli.Ci;

/// <summary>How much a CI runner builds, chosen from its free disk (seed 003's tiers).</summary>
public enum BuildTier
{
    /// <summary>Above the full threshold (default 8 GiB): every service.</summary>
    Full,

    /// <summary>From the medium threshold (default 5 GiB) up to the full one: the essential services.</summary>
    Medium,

    /// <summary>From the abort threshold (default 2 GiB) up to the medium one: only what <c>--minimal</c> names.</summary>
    Minimal,

    /// <summary>Under the abort threshold: nothing; the runner stops with a clear message.</summary>
    Abort,
}
