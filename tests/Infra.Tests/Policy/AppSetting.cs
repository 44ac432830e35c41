using Orbit.Infra.Tests.Templates;

namespace Orbit.Infra.Tests.Policy;

/// <summary>
/// One app setting the template writes. A generated one (one per element of a list, like Hosts__Secrets__&lt;hostId&gt;)
/// has its name with the element as a placeholder in angle brackets, and its value in terms of that element.
/// </summary>
public sealed record AppSetting(string Name, Traced Value, bool IsGenerated)
{
    public override string ToString() => $"{Name} = {Value.Expression}";
}
