using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orbit.Testing;

namespace Orbit.FunctionHost.Tests.Integration;

[Collection(AzuriteCollection.Name)]
public sealed class HttpTriggerTests(AzuriteFixture storage)
{
    private const string MasterKey = "master-4f1c9a";
    private const string FunctionKey = "function-0b77e2";
    private const string OtherFunctionKey = "function-5d3a18";

    [Fact]
    public async Task Keys_authorize_by_level_in_the_header_or_the_code_parameter()
    {
        await using var host = await TestApp.StartAsync(storage, "keyed-host", new()
        {
            ["Keys__Master"] = MasterKey,
            ["Keys__Function__default"] = FunctionKey,
            ["Keys__Function__ci"] = OtherFunctionKey,
        });

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(host, "/api/echo"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(host, "/api/echo", header: "wrong"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(host, "/api/echo?code=wrong"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, "/api/echo", header: FunctionKey));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, $"/api/echo?code={FunctionKey}"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, "/api/echo", header: OtherFunctionKey));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, "/api/echo", header: MasterKey));

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(host, "/api/admin/echo", header: FunctionKey));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(host, $"/api/admin/echo?code={FunctionKey}"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, "/api/admin/echo", header: MasterKey));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, $"/api/admin/echo?code={MasterKey}"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, "/api/health"));
    }

    [Fact]
    public async Task With_no_key_configured_every_keyed_function_answers_401_with_problem_details()
    {
        await using var host = await TestApp.StartAsync(storage, "keyless-host", []);

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(host, "/api/echo"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(host, "/api/echo", header: ""));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(host, "/api/echo?code="));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(host, "/api/admin/echo", header: "anything"));

        var response = await host.Http.GetAsync("/api/echo");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Contains("x-functions-key", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unknown_route_answers_404_as_problem_details()
    {
        await using var host = await TestApp.StartAsync(storage, "routes-host", []);

        var response = await host.Http.GetAsync("/api/no-such-function");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Health_answers_503_naming_the_problem_when_storage_is_unreachable()
    {
        var closedPort = FreePort.Next();
        var unreachable = AzuriteServer.ConnectionStringFor(closedPort, closedPort, closedPort);
        await using var host = await FunctionHostProcess.StartAsync("unhealthy-host", Path.Combine(AppContext.BaseDirectory, "Orbit.FunctionHost.TestApp.dll"),
            new Dictionary<string, string?> { ["AzureWebJobsStorage"] = unreachable, ["RecordQueue"] = "unreachable-queue", ["ResultsTable"] = "unused" },
            requireHealthy: false);

        var response = await host.Http.GetAsync("/api/health");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("unhealthy", body.GetProperty("status").GetString());
        Assert.Contains("Storage", body.GetProperty("storage").GetString());
    }

    private static async Task<HttpStatusCode> StatusAsync(FunctionHostProcess host, string path, string? header = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation("x-functions-key", header);
        }

        return (await host.Http.SendAsync(request)).StatusCode;
    }
}
