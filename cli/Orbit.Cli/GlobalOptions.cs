using System.CommandLine;

namespace Orbit.Cli;

/// <summary>The options every command takes: where the service is, the key, and JSON output.</summary>
public sealed class GlobalOptions
{
    public Option<string?> Url { get; } = new("--url")
    {
        Description = "The Orbit service, e.g. http://localhost:7071 (default: ORBIT_URL, else http://localhost:7071).",
        Recursive = true,
    };

    public Option<string?> Key { get; } = new("--key")
    {
        Description = "The function key (the master key for 'quota set'); default: ORBIT_KEY. Prefer the variable: a flag shows in process listings.",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the result as JSON on standard output (progress lines go to standard error).",
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        root.Add(Url);
        root.Add(Key);
        root.Add(Json);
    }
}
