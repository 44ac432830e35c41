using Orbit.Infra.Tests.Bicep;
using Orbit.Infra.Tests.Fixtures;
using Orbit.Infra.Tests.Templates;
using Orbit.Testing;

namespace Orbit.Infra.Tests;

/// <summary>Every .bicep and .bicepparam file under infra/ builds and lints with the real Bicep CLI and says nothing: no error, no warning.</summary>
public sealed class BicepFilesTests
{
    public static TheoryData<string> InfraFiles() => new(Files());

    [Fact]
    public void TheFilesCheckedAreTheTemplatesTheModulesAndAnEnvironment()
    {
        var files = Files().ToList();

        Assert.Contains("main.bicep", files);
        Assert.Contains(files, file => file.StartsWith("modules", StringComparison.Ordinal));
        Assert.Contains(files, file => file.EndsWith(".bicepparam", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EnvironmentsTakeEverySecretFromTheDeployingShellNeverFromTheFile()
    {
        var scratch = ScratchDirectory.Create("orbit-bicep-build-");
        try
        {
            var main = Path.Combine(scratch, "main.json");
            Assert.True((await BicepCli.BuildAsync(Path.Combine(CompiledInfra.Directory, "main.bicep"), main)).IsClean);
            var template = ArmTemplate.Load(main);
            var secureParameters = template.ParameterNames.Where(template.IsSecureParameter).ToList();
            Assert.NotEmpty(secureParameters);

            foreach (var environment in Files().Where(file => file.EndsWith(".bicepparam", StringComparison.Ordinal)))
            {
                var assignments = File.ReadLines(Path.Combine(CompiledInfra.Directory, environment))
                    .Where(line => line.StartsWith("param ", StringComparison.Ordinal))
                    .ToDictionary(line => line.Split(' ')[1], line => line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim());
                Assert.All(
                    secureParameters.Where(assignments.ContainsKey),
                    parameter => Assert.Contains("readEnvironmentVariable(", assignments[parameter], StringComparison.Ordinal));
            }
        }
        finally
        {
            ScratchDirectory.TryDelete(scratch);
        }
    }

    [Theory]
    [MemberData(nameof(InfraFiles))]
    public async Task BuildsWithoutAWarning(string file)
    {
        var scratch = ScratchDirectory.Create("orbit-bicep-build-");
        try
        {
            var path = Path.Combine(CompiledInfra.Directory, file);
            var output = Path.Combine(scratch, "out.json");
            var build = file.EndsWith(".bicepparam", StringComparison.Ordinal)
                ? await BicepCli.BuildParamsAsync(path, output)
                : await BicepCli.BuildAsync(path, output);

            Assert.True(build.IsClean, build.ToString());
            Assert.True(File.Exists(output), $"bicep wrote no {output}");
        }
        finally
        {
            ScratchDirectory.TryDelete(scratch);
        }
    }

    [Theory]
    [MemberData(nameof(InfraFiles))]
    public async Task LintsWithoutAWarning(string file)
    {
        var lint = await BicepCli.LintAsync(Path.Combine(CompiledInfra.Directory, file));

        Assert.True(lint.IsClean, lint.ToString());
    }

    // Every .bicep and .bicepparam under infra/, relative to it.
    private static IEnumerable<string> Files() =>
        Directory.EnumerateFiles(CompiledInfra.Directory, "*.*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".bicep", StringComparison.Ordinal) || path.EndsWith(".bicepparam", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(CompiledInfra.Directory, path))
            .Order(StringComparer.Ordinal);
}
