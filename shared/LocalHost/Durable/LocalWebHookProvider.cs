using Microsoft.Azure.WebJobs.Host.Config;
using Orbit.LocalHost.Keys;

namespace Orbit.LocalHost.Durable;

/// <summary>
/// The base URL of an extension's webhooks, with its system key as <c>code</c>, as the Functions host gives it to the
/// Durable extension: the extension builds its management URLs (and the Durable client's) from it.
/// </summary>
// IWebHookProvider is marked obsolete ("not ready for public consumption"), but it is how a host gives the Durable
// extension its webhook URL; the Functions host implements it too.
#pragma warning disable CS0618
public sealed class LocalWebHookProvider(Uri hostBaseUri, HostKeys keys) : IWebHookProvider
#pragma warning restore CS0618
{
    public Uri GetUrl(IExtensionConfigProvider extension)
    {
        var url = new Uri(hostBaseUri, "runtime/webhooks/durabletask");
        return keys.SystemKey(HostKeys.DurableTaskSystemKeyName) is { } code ? new Uri($"{url}?code={Uri.EscapeDataString(code)}") : url;
    }
}
