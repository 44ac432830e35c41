namespace Orbit.Hosts.Agent;

/// <summary>The agent's configuration is unusable; <see cref="Problems"/> lists every reason, each naming its setting.</summary>
public sealed class HostAgentConfigurationException : Exception
{
    public HostAgentConfigurationException(IReadOnlyList<string> problems)
        : base("The host agent's configuration is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(problem => "  - " + problem)))
    {
        Problems = problems;
    }

    public HostAgentConfigurationException(string problem, Exception inner)
        : base("The host agent's configuration is invalid:" + Environment.NewLine + "  - " + problem, inner)
    {
        Problems = [problem];
    }

    public IReadOnlyList<string> Problems { get; }
}
