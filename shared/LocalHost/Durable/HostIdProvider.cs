using Microsoft.Azure.WebJobs.Host.Executors;

namespace Orbit.LocalHost.Durable;

/// <summary>
/// The host id that names this app's locks and timer schedules in shared storage (<c>azure-webjobs-hosts/locks/&lt;id&gt;</c>):
/// <c>AzureFunctionsWebHost:hostid</c>, else derived from the app's name, as the Functions host derives it from the site's.
/// </summary>
public sealed class HostIdProvider(string hostId) : IHostIdProvider
{
    public static string From(string? configured, string appName)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.Trim();
        }

        var name = new string(appName.ToLowerInvariant().Where(character => char.IsAsciiLetterOrDigit(character) || character == '-').ToArray()).Trim('-');
        return (name.Length == 0 ? "functions" : name)[..Math.Min(32, name.Length == 0 ? 9 : name.Length)];
    }

    public Task<string> GetHostIdAsync(CancellationToken cancellationToken) => Task.FromResult(hostId);
}
