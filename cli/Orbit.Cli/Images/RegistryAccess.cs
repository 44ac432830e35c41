using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orbit.Registry.Client;
using Orbit.Registry.References;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Orbit.Cli.Images;

/// <summary>
/// The registry client the service itself uses (Orbit.Registry): Polly's standard pipeline (retries on 5xx, 408 and 429
/// honouring Retry-After), then Basic or the Docker token flow with the given credentials, which the registry's token
/// service scopes (a tenant's credentials reach only its own repository).
/// </summary>
public sealed class RegistryAccess : IDisposable
{
    private readonly ServiceProvider provider;

    private RegistryAccess(ServiceProvider provider, Uri url, string? username)
    {
        this.provider = provider;
        Url = url;
        Username = username;
        Client = provider.GetRequiredService<RegistryClient>();
    }

    public Uri Url { get; }

    public string? Username { get; }

    public RegistryClient Client { get; }

    public static RegistryAccess Open(string? url, string? username, string? password, int maxRetryAttempts = 4, TimeSpan? retryDelay = null)
    {
        if (url is null || !Uri.TryCreate(url.Contains("://", StringComparison.Ordinal) ? url : "https://" + url, UriKind.Absolute, out var registry) || registry.Scheme is not ("http" or "https"))
        {
            throw CliFailure.BadUsage($"--registry (or ORBIT_REGISTRY_URL) must be the registry's URL, e.g. https://registry.example.com or http://127.0.0.1:5000; it is '{url}'.");
        }

        if (string.IsNullOrEmpty(username) != string.IsNullOrEmpty(password))
        {
            throw CliFailure.BadUsage("Give the registry's username and password together (--username and ORBIT_REGISTRY_PASSWORD or --password-stdin), or neither.");
        }

        var settings = new Dictionary<string, string?>
        {
            ["Registry:Url"] = registry.AbsoluteUri,
            ["Registry:Username"] = username,
            ["Registry:Password"] = password,
            ["Registry:MaxRetryAttempts"] = maxRetryAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Registry:RetryDelay"] = (retryDelay ?? TimeSpan.FromSeconds(1)).ToString(),
        };
        var services = new ServiceCollection();
        services.AddRegistryClient(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return new RegistryAccess(services.BuildServiceProvider(), registry, username);
    }

    public static RepositoryName Repository(string text) =>
        RepositoryName.TryParse(text, out var name)
            ? name
            : throw CliFailure.BadUsage($"'{text}' is not a repository name: lowercase path components of letters and digits separated by '.', '_', '__' or '-', joined by '/'.");

    public static Tag TagOf(string text, string option) =>
        Tag.TryParse(text, out var tag) ? tag : throw CliFailure.BadUsage($"{option} '{text}' is not a tag: 1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'.");

    public static Digest DigestOf(string text, string option) =>
        Digest.TryParse(text, out var digest) ? digest : throw CliFailure.BadUsage($"{option} '{text}' is not a digest: 'sha256:' and 64 lowercase hex digits.");

    /// <summary>Runs a registry call, turning the registry's refusals and outages into exit codes with the registry's own words.</summary>
    public async Task<T> CallAsync<T>(string what, Func<RegistryClient, Task<T>> call)
    {
        try
        {
            return await call(Client);
        }
        catch (RegistryException refused) when (refused.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            var who = Username is null ? "without credentials" : $"as {Username}";
            throw new CliFailure(ExitCodes.NotAuthorized, $"{what}: the registry at {Url} refused it {who}: {refused.Message}");
        }
        catch (RegistryException refused) when (refused.Status == HttpStatusCode.NotFound)
        {
            throw new CliFailure(ExitCodes.NotFound, $"{what}: {refused.Message}");
        }
        catch (RegistryException refused)
        {
            throw new CliFailure((int)refused.Status >= 500 ? ExitCodes.Unreachable : ExitCodes.Failure, $"{what}: {refused.Message}");
        }
        catch (Exception unreachable) when (unreachable is HttpRequestException or TimeoutRejectedException or BrokenCircuitException)
        {
            throw new CliFailure(ExitCodes.Unreachable, $"{what}: cannot reach the registry at {Url} ({unreachable.Message}).");
        }
    }

    public void Dispose() => provider.Dispose();
}
