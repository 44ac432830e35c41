using Orbit.Infra.Tests.Bicep;
using Orbit.Infra.Tests.Policy;
using Orbit.Infra.Tests.Templates;
using Orbit.Testing;

namespace Orbit.Infra.Tests.Fixtures;

/// <summary>infra/ (or a changed copy of it) compiled with the real Bicep CLI, and the policy over its ARM JSON.</summary>
public sealed class CompiledInfra
{
    private CompiledInfra(InfraPolicy policy) => Policy = policy;

    public static string Directory { get; } = Path.Combine(RepositoryPaths.Root, "infra");

    public InfraPolicy Policy { get; }

    public ArmTemplate Main => Policy.Main;

    /// <summary>Compiles <c>main.bicep</c> of <paramref name="infraDirectory"/>; a build that fails throws with what Bicep said.</summary>
    public static async Task<CompiledInfra> CompileAsync(string infraDirectory)
    {
        var output = Path.Combine(ScratchDirectory.Create("orbit-infra-json-"), "main.json");
        try
        {
            var build = await BicepCli.BuildAsync(Path.Combine(infraDirectory, "main.bicep"), output);
            if (build.ExitCode != 0)
            {
                throw new InvalidOperationException(build.ToString());
            }

            return new CompiledInfra(new InfraPolicy(ArmTemplate.Load(output)));
        }
        finally
        {
            ScratchDirectory.TryDelete(Path.GetDirectoryName(output)!);
        }
    }
}
