namespace Orbit.Testing;

/// <summary>The settings every run of the function app needs besides a fixture's own: the app settings its triggers
/// name (<c>%Setting%</c> in a schedule or queue name must resolve), at the defaults local.settings.sample.json has.</summary>
public static class FunctionApp
{
    public static IReadOnlyDictionary<string, string?> TriggerSettings { get; } = new Dictionary<string, string?>
    {
        ["Quota__ReconcileSchedule"] = "0 */15 * * * *",
        ["Tenants__DeletionQueue"] = "tenant-image-deletions",
        ["Tenants__OrphanSweepSchedule"] = "0 0 * * * *",
        ["Hosts__SignaturePurgeSchedule"] = "0 7 * * * *",
    };

    /// <summary>The trigger settings overlaid with <paramref name="settings"/>.</summary>
    public static Dictionary<string, string?> With(IReadOnlyDictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>(TriggerSettings);
        foreach (var (name, value) in settings)
        {
            all[name] = value;
        }

        return all;
    }
}
