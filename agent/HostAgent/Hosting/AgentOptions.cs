namespace Orbit.HostAgent.Hosting;

/// <summary>The agent's own settings beside the library's <see cref="Orbit.Hosts.Agent.HostAgentOptions"/>.</summary>
public sealed record AgentOptions
{
    public const string DefaultStateDirectory = "/var/lib/orbit-host-agent";

    /// <summary>Where the checkpoint lives (setting <c>ORBIT_AGENT_STATE_DIRECTORY</c>).</summary>
    public string StateDirectory { get; init; } = DefaultStateDirectory;

    /// <summary>The host's local user database (setting <c>ORBIT_AGENT_PASSWD_PATH</c>).</summary>
    public string PasswdPath { get; init; } = "/etc/passwd";

    /// <summary>Executables besides the agent's own whose audit records never attribute anything.</summary>
    public IReadOnlyList<string> IgnoredExecutables { get; init; } = [];
}
