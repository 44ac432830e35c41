using Orbit.LocalHost.Functions;
using Orbit.LocalHost.Tests.Configuration;

namespace Orbit.LocalHost.Tests.Functions;

public sealed class FunctionsMetadataFileTests : IDisposable
{
    private readonly ScriptRoot root = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public void The_metadata_the_SDK_writes_lists_every_function_of_the_test_app_with_its_bindings_as_written()
    {
        var functions = FunctionsMetadataFile.Read(TestAppPaths.ScriptRoot).ToDictionary(function => function.Name);

        Assert.Equal(
            ["AdminEcho", "AlwaysFails", "Echo", "FailingTick", "FanOut", "Greet", "Greeting", "Health", "LargeBody", "NoOp", "PublicEcho", "Record", "SlowGreet", "Square", "StartGreeting", "StartupTick", "Tick"],
            functions.Keys.Order(StringComparer.Ordinal));
        var record = functions["Record"];
        Assert.Equal(TestAppPaths.ScriptRoot, record.Directory);
        Assert.Equal($"{TestAppPaths.AssemblyName}.dll", record.ScriptFile);
        Assert.Equal("Orbit.TestFunctionApp.Queues.RecordFunction.RunAsync", record.EntryPoint);
        Assert.Equal("dotnet-isolated", record.Language);
        var binding = WorkerBinding.Parse(Assert.Single(record.RawBindings));
        Assert.Equal(("body", "queueTrigger", "%RecordQueue%"), (binding.Name, binding.Type, binding.Get("queueName")));
        Assert.Contains(functions["StartGreeting"].RawBindings.Select(WorkerBinding.Parse), binding => binding.Type == "durableClient");
    }

    [Fact]
    public void Metadata_that_is_not_a_list_of_functions_is_refused()
    {
        root.Write("functions.metadata", """{ "name": "Echo" }""");

        var error = Assert.Throws<InvalidDataException>(() => FunctionsMetadataFile.Read(root.Path));

        Assert.Contains("not a JSON array", error.Message);
    }

    [Fact]
    public void A_function_without_a_name_is_refused()
    {
        root.Write("functions.metadata", """[ { "scriptFile": "App.dll", "bindings": [] } ]""");

        var error = Assert.Throws<InvalidDataException>(() => FunctionsMetadataFile.Read(root.Path));

        Assert.Contains("has no name", error.Message);
    }
}
