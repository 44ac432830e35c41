using System.CommandLine;

namespace Orbit.Cli.Images;

/// <summary>The options of commands that talk to a registry: where it is and who signs in (the password from the environment or standard input, never a flag).</summary>
public sealed class RegistryCommandOptions
{
    public Option<string?> Registry { get; } = new("--registry") { Description = "The registry, e.g. https://registry.example.com or http://127.0.0.1:5000 (default: ORBIT_REGISTRY_URL)." };

    public Option<string?> Username { get; } = new("--username") { Description = "The registry user (a tenant id, or the service identity); default: ORBIT_REGISTRY_USERNAME. The password comes from ORBIT_REGISTRY_PASSWORD or --password-stdin." };

    public Option<bool> PasswordStdin { get; } = new("--password-stdin") { Description = "Read the registry password from standard input." };

    public void AddTo(Command command)
    {
        command.Add(Registry);
        command.Add(Username);
        command.Add(PasswordStdin);
    }

    public RegistryAccess Open(CliContext context)
    {
        var password = context.Value(PasswordStdin) ? Console.In.ReadToEnd().TrimEnd('\r', '\n') : context.Environment("ORBIT_REGISTRY_PASSWORD");
        return RegistryAccess.Open(
            context.Value(Registry) ?? context.Environment("ORBIT_REGISTRY_URL"),
            context.Value(Username) ?? context.Environment("ORBIT_REGISTRY_USERNAME"),
            string.IsNullOrEmpty(password) ? null : password);
    }
}
