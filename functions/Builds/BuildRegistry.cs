namespace Orbit.Functions.Builds;

/// <summary>Where the build pushes: our managed registry (quota checked, image tracked) or an external one (neither).</summary>
public enum BuildRegistry
{
    Managed,
    External,
}
