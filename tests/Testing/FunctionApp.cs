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

    /// <summary>
    /// The trigger settings overlaid with <paramref name="settings"/>, then with <paramref name="overrides"/> (settings a
    /// benchmark's command line gives to try, which win over the run's own).
    /// </summary>
    public static Dictionary<string, string?> With(IReadOnlyDictionary<string, string?> settings, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var all = new Dictionary<string, string?>(TriggerSettings);
        foreach (var (name, value) in settings.Concat(overrides ?? new Dictionary<string, string?>()))
        {
            all[name] = value;
        }

        return all;
    }
}
