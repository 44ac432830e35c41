using Orbit.Testing;

namespace Orbit.FunctionHost.Tests.Integration;

/// <summary>Starts the test function app (tests/FunctionHost.TestApp) as its own process on the shared Azurite.</summary>
internal static class TestApp
{
    private static readonly string AssemblyPath = Path.Combine(AppContext.BaseDirectory, "Orbit.FunctionHost.TestApp.dll");

    public static Task<FunctionHostProcess> StartAsync(
        AzuriteFixture storage,
        string instance,
        Dictionary<string, string?> settings,
        bool requireHealthy = true)
    {
        var environment = new Dictionary<string, string?>(settings)
        {
            ["AzureWebJobsStorage"] = storage.Azurite.ConnectionString,
            ["TestInstance"] = instance,
        };
        environment.TryAdd("AzureFunctionsWebHost__hostid", TestNames.HostId("test"));
        return FunctionHostProcess.StartAsync(instance, AssemblyPath, environment, requireHealthy, workingDirectory: Path.GetTempPath());
    }
}
