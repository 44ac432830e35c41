using Microsoft.Extensions.Configuration;
using Orbit.LocalHost.Keys;

namespace Orbit.LocalHost.Tests.Integration;

/// <summary>The <c>durabletask_extension</c> system key a host derives from its master key when none is set.</summary>
public static class DurableSystemKey
{
    public static string For(string masterKey) =>
        HostKeys.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Keys:Master"] = masterKey }).Build())
            .SystemKey(HostKeys.DurableTaskSystemKeyName)!;
}
