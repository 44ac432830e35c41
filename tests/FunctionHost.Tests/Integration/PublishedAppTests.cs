using System.Net;
using Orbit.Testing;

namespace Orbit.FunctionHost.Tests.Integration;

[Collection(AzuriteCollection.Name)]
public sealed class PublishedAppTests(AzuriteFixture storage)
{
    [Fact]
    public async Task The_published_function_app_starts_from_any_working_directory_with_its_host_json()
    {
        var publishDirectory = ScratchDirectory.Create("orbit-publish-");
        var elsewhere = ScratchDirectory.Create("orbit-cwd-");
        try
        {
            await using (var publish = ChildProcess.Start("publish", "dotnet",
                ["publish", Path.Combine(RepositoryPaths.Root, "functions", "Orbit.Functions.csproj"), "-c", "Release", "-o", publishDirectory, "--nologo"]))
            {
                await publish.WaitForExitAsync(TimeSpan.FromMinutes(5));
                Assert.True(publish.ExitCode == 0, publish.Output);
            }

            Assert.True(File.Exists(Path.Combine(publishDirectory, "host.json")));
            Assert.False(File.Exists(Path.Combine(publishDirectory, "local.settings.json")));

            await using var host = await FunctionHostProcess.StartAsync("published-app", Path.Combine(publishDirectory, "Orbit.Functions.dll"),
                new Dictionary<string, string?> { ["AzureWebJobsStorage"] = storage.Azurite.ConnectionString, ["Registry__Url"] = "http://127.0.0.1:5000" },
                workingDirectory: elsewhere);

            Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/api/health")).StatusCode);
        }
        finally
        {
            ScratchDirectory.TryDelete(publishDirectory);
            ScratchDirectory.TryDelete(elsewhere);
        }
    }
}
