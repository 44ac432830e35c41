using Orbit.Infra.Tests.Bicep;
using Orbit.Infra.Tests.Fixtures;
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
