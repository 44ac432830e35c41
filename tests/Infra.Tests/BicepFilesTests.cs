using Orbit.Infra.Tests.Bicep;
using Orbit.Infra.Tests.Fixtures;
using Orbit.Infra.Tests.Templates;

namespace Orbit.Infra.Tests;

/// <summary>
/// Every .bicep and .bicepparam file under infra/ builds and lints with the real Bicep CLI and it says nothing: no
/// error, no warning. Each command takes every file at once (<c>--pattern</c>), one process for all of them.
/// </summary>
public sealed class BicepFilesTests
{
    [Fact]
    public void TheFilesCheckedAreTheTemplateTheModulesAndAnEnvironment()
    {
        var files = Files(".bicep").Concat(Files(".bicepparam")).ToList();

        Assert.Contains("main.bicep", files);
        Assert.Contains(files, file => file.StartsWith("modules", StringComparison.Ordinal));
        Assert.Contains(files, file => file.EndsWith(".bicepparam", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryTemplateModuleAndEnvironmentBuildsWithoutAWarning()
    {
        using var copy = InfraCopy.Create();

        var templates = await BicepCli.BuildAllAsync(copy.Directory, "*.bicep");
        var environments = await BicepCli.BuildAllParamsAsync(copy.Directory, "*.bicepparam");

        Assert.True(templates.IsClean, templates.ToString());
        Assert.True(environments.IsClean, environments.ToString());
        Assert.All(
            Files(".bicep").Concat(Files(".bicepparam")),
            file => Assert.True(File.Exists(copy.PathOf(Path.ChangeExtension(file, ".json"))), $"no JSON built from {file}"));
    }

    [Fact]
    public async Task EveryFileLintsWithoutAWarning()
    {
        var lint = await BicepCli.LintAllAsync(CompiledInfra.Directory, "*.bicep*");

        Assert.True(lint.IsClean, lint.ToString());
    }

    [Fact]
    public async Task EnvironmentsTakeEverySecretFromTheDeployingShellNeverFromTheFile()
    {
        using var copy = InfraCopy.Create();
        Assert.True((await BicepCli.BuildAsync(copy.PathOf("main.bicep"), copy.PathOf("main.json"))).IsClean);
        var template = ArmTemplate.Load(copy.PathOf("main.json"));
        var secureParameters = template.ParameterNames.Where(template.IsSecureParameter).ToList();
        Assert.NotEmpty(secureParameters);

        foreach (var environment in Files(".bicepparam"))
        {
            var assignments = File.ReadLines(Path.Combine(CompiledInfra.Directory, environment))
                .Where(line => line.StartsWith("param ", StringComparison.Ordinal))
                .ToDictionary(line => line.Split(' ')[1], line => line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim());
            Assert.All(
                secureParameters.Where(assignments.ContainsKey),
                parameter => Assert.Contains("readEnvironmentVariable(", assignments[parameter], StringComparison.Ordinal));
        }
    }

    // The files under infra/ with this extension, relative to it.
    private static IEnumerable<string> Files(string extension) =>
        Directory.EnumerateFiles(CompiledInfra.Directory, "*" + extension, SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(CompiledInfra.Directory, path))
            .Order(StringComparer.Ordinal);
}
