using Microsoft.Extensions.Configuration;
using Orbit.FunctionHost.Configuration;

namespace Orbit.FunctionHost.Tests.Configuration;

public sealed class FunctionHostConfigurationTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("orbit-config-");

    public void Dispose() => directory.Delete(recursive: true);

    [Fact]
    public void Host_json_lands_under_AzureFunctionsJobHost_and_local_settings_values_become_sections()
    {
        Write("host.json", """{ "version": "2.0", "extensions": { "queues": { "batchSize": 8 } } }""");
        Write("local.settings.json", """
            { "IsEncrypted": false, "Values": { "AzureWebJobsStorage": "UseDevelopmentStorage=true", "Keys__Function__default": "k1", "Count": 3 } }
            """);

        var configuration = Build(environment: []);

        Assert.Equal("8", configuration["AzureFunctionsJobHost:extensions:queues:batchSize"]);
        Assert.Equal("UseDevelopmentStorage=true", configuration["AzureWebJobsStorage"]);
        Assert.Equal("k1", configuration["Keys:Function:default"]);
        Assert.Equal("3", configuration["Count"]);
    }

    [Fact]
    public void Environment_variables_override_both_files()
    {
        Write("host.json", """{ "extensions": { "queues": { "batchSize": 8 } } }""");
        Write("local.settings.json", """{ "Values": { "Keys__Master": "from-file" } }""");

        var configuration = Build(environment: new()
        {
            ["AzureFunctionsJobHost:extensions:queues:batchSize"] = "4",
            ["Keys:Master"] = "from-environment",
        });

        Assert.Equal("4", configuration["AzureFunctionsJobHost:extensions:queues:batchSize"]);
        Assert.Equal("from-environment", configuration["Keys:Master"]);
    }

    [Fact]
    public void Missing_files_add_nothing()
    {
        var configuration = Build(environment: []);

        Assert.Empty(configuration.AsEnumerable());
    }

    private IConfiguration Build(Dictionary<string, string?> environment)
    {
        var builder = new ConfigurationBuilder().AddInMemoryCollection(environment);
        builder.AddFunctionHostFiles(directory.FullName);
        return builder.Build();
    }

    private void Write(string name, string content) => File.WriteAllText(Path.Combine(directory.FullName, name), content);
}
