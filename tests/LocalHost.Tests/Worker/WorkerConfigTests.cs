using Orbit.LocalHost.Tests.Configuration;
using Orbit.LocalHost.Worker;

namespace Orbit.LocalHost.Tests.Worker;

public sealed class WorkerConfigTests : IDisposable
{
    private readonly ScriptRoot root = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public void The_worker_config_the_SDK_writes_starts_the_app_with_dotnet_and_asks_for_worker_indexing()
    {
        var config = WorkerConfig.Read(TestAppPaths.ScriptRoot);

        Assert.Equal("dotnet-isolated", config.Language);
        Assert.Equal("dotnet", config.ExecutablePath);
        Assert.Equal(Path.Combine(TestAppPaths.ScriptRoot, $"{TestAppPaths.AssemblyName}.dll"), config.WorkerPath);
        Assert.True(File.Exists(config.WorkerPath));
        Assert.True(config.WorkerIndexing);
        Assert.Empty(config.Arguments);
    }

    [Theory]
    [InlineData("\"workerIndexing\": \"true\"", true)]
    [InlineData("\"workerIndexing\": true", true)]
    [InlineData("\"workerIndexing\": \"false\"", false)]
    [InlineData("\"other\": 1", false)]
    public void Worker_indexing_is_on_when_the_config_says_true_as_text_or_as_a_boolean(string property, bool indexing)
    {
        root.Write("worker.config.json", $$"""{ "description": { "defaultExecutablePath": "dotnet", "defaultWorkerPath": "App.dll", {{property}} } }""");

        Assert.Equal(indexing, WorkerConfig.Read(root.Path).WorkerIndexing);
    }

    [Fact]
    public void Arguments_are_passed_before_the_worker_path_and_empty_ones_are_dropped()
    {
        root.Write("worker.config.json", """{ "description": { "defaultExecutablePath": "dotnet", "defaultWorkerPath": "App.dll", "arguments": ["--flag", "", "value"] } }""");

        Assert.Equal(["--flag", "value"], WorkerConfig.Read(root.Path).Arguments);
    }

    [Fact]
    public void A_script_root_without_worker_config_is_not_an_isolated_worker_app_and_says_so()
    {
        var error = Assert.Throws<FileNotFoundException>(() => WorkerConfig.Read(root.Path));

        Assert.Contains("isolated-worker", error.Message);
        Assert.Contains(root.Path, error.Message);
    }

    [Theory]
    [InlineData("""{ "language": "dotnet-isolated" }""", "no \"description\"")]
    [InlineData("""{ "description": { "defaultWorkerPath": "App.dll" } }""", "defaultExecutablePath")]
    [InlineData("""{ "description": { "defaultExecutablePath": "dotnet" } }""", "defaultWorkerPath")]
    public void A_worker_config_that_does_not_say_how_to_start_the_worker_is_refused(string json, string expected)
    {
        root.Write("worker.config.json", json);

        var error = Assert.Throws<InvalidDataException>(() => WorkerConfig.Read(root.Path));

        Assert.Contains(expected, error.Message);
    }
}
