using Microsoft.Azure.WebJobs;

namespace Orbit.LocalHost.Functions;

/// <summary>Tells WebJobs to index the generated type and nothing else.</summary>
public sealed class GeneratedTypeLocator(Type generated) : ITypeLocator
{
    public IReadOnlyList<Type> GetTypes() => [generated];
}
