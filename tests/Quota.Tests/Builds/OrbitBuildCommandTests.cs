using System.Net.Http.Json;
using System.Text.Json;
using Orbit.Testing;

namespace Orbit.Quota.Tests.Builds;

/// <summary>
/// The <c>orbit</c> tool against the running app on real Azurite and the registry, as a pipeline runs it: the build
/// conversation, usage and the cleanup preview, and the exit codes a pipeline branches on.
/// </summary>
[Collection(BuildsAppCollection.Name)]
public sealed class OrbitBuildCommandTests(BuildsAppFixture fixture)
{
    private const int BuildFailed = 2;
    private const int NotAuthorized = 4;
    private const int NotFound = 5;
    private const int Unreachable = 69;

    private Dictionary<string, string?> Environment(string? key = BuildsAppFixture.FunctionKey) => new()
    {
        ["ORBIT_URL"] = $"http://127.0.0.1:{fixture.App.Port}",
        ["ORBIT_KEY"] = key,
    };

    [Fact]
    public async Task Start_wait_prints_the_cleanup_lines_in_order_and_the_id_and_pushed_wait_completes_the_build()
    {
        var workspace = await SeededWorkspace.CreateAsync(fixture, apps: 3, tags: 5);
        var repository = SeededWorkspace.Repository(workspace.Id, 0);

        var start = await OrbitCli.RunAsync(["build", "start", "--workspace", workspace.Id, "--app", "app0", "--repository", repository, "--tag", "2.0", "--wait"], Environment());

        Assert.True(start.ExitCode == 0, start.ToString());
        var lines = start.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var id = lines[^1].Trim();
        var status = await StatusAsync(id);
        Assert.Equal("ready-to-build", status.GetProperty("phase").GetString());
        var log = status.GetProperty("buildLog").EnumerateArray().Select(line => line.GetString()!).ToList();
        Assert.StartsWith("Freed ", log[0]);
        Assert.Contains(log, line => line.StartsWith("deleted ", StringComparison.Ordinal));
        var printed = log.Select(line => Array.FindIndex(lines, printedLine => printedLine.EndsWith(" " + line, StringComparison.Ordinal))).ToList();
        Assert.DoesNotContain(-1, printed);
        Assert.Equal(printed.Order(), printed);
        Assert.Contains(lines, line => line.Contains($"Build {id} may start.", StringComparison.Ordinal));

        using var pusher = fixture.Pusher();
        var pushed = await pusher.PushImageAsync(repository, "2.0", [RegistryImagePusher.Layer(Random.Shared.Next(), 4096)]);
        var report = await OrbitCli.RunAsync(["build", "pushed", id, "--digest", pushed.Digest, "--wait"], Environment());

        Assert.True(report.ExitCode == 0, report.ToString());
        Assert.Contains($"Build completed: {pushed.Digest} tracked; workspace {workspace.Id} now uses", report.Output);
        var done = await StatusAsync(id);
        Assert.Equal("Completed", done.GetProperty("runtimeStatus").GetString());
        Assert.Equal(pushed.Digest, done.GetProperty("result").GetProperty("digest").GetString());
    }

    [Fact]
    public async Task Failed_fails_the_build_with_the_reason_and_status_then_exits_2_with_it()
    {
        var start = await OrbitCli.RunAsync(["build", "start", "--workspace", "ws-external", "--app", "api", "--repository", "external/api", "--tag", "1.0", "--registry", "external", "--wait", "--json"], Environment());
        Assert.True(start.ExitCode == 0, start.ToString());
        var id = JsonDocument.Parse(start.Output).RootElement.GetProperty("id").GetString()!;

        var failed = await OrbitCli.RunAsync(["build", "failed", id, "--reason", "docker build: exit 1 at step 3/9"], Environment());
        Assert.True(failed.ExitCode == 0, failed.ToString());

        var status = await OrbitCli.RunAsync(["build", "status", id, "--wait"], Environment());
        Assert.True(status.ExitCode == BuildFailed, status.ToString());
        Assert.Contains($"Build {id} failed:", status.Error);
        Assert.Contains("docker build: exit 1 at step 3/9", status.Error);

        var late = await OrbitCli.RunAsync(["build", "pushed", id], Environment());
        Assert.Equal(6, late.ExitCode);
        Assert.Contains("already Failed", late.Error);
    }

    [Fact]
    public async Task A_bad_key_an_unknown_workspace_and_an_unreachable_url_each_exit_with_their_code_and_say_what_to_do()
    {
        string[] start = ["build", "start", "--workspace", FunctionAppFixtureNames.Workspace(), "--app", "api", "--repository", "team/api", "--tag", "1.0"];

        var badKey = await OrbitCli.RunAsync(start, Environment("not-the-key"));
        Assert.True(badKey.ExitCode == NotAuthorized, badKey.ToString());
        Assert.Contains("the service refused the key (401)", badKey.Error);
        Assert.Contains("ORBIT_KEY", badKey.Error);

        var unknown = await OrbitCli.RunAsync(start, Environment());
        Assert.True(unknown.ExitCode == NotFound, unknown.ToString());
        Assert.Contains("workspace", unknown.Error);
        Assert.Contains("(404)", unknown.Error);

        var port = FreePort.Next();
        var unreachable = await OrbitCli.RunAsync([.. start, "--url", $"http://127.0.0.1:{port}"], Environment());
        Assert.True(unreachable.ExitCode == Unreachable, unreachable.ToString());
        Assert.Contains($"cannot reach the service at http://127.0.0.1:{port}/", unreachable.Error);
        Assert.Contains("--url or ORBIT_URL", unreachable.Error);
    }

    [Fact]
    public async Task Usage_and_the_cleanup_preview_show_what_the_service_says_with_the_kept_images_and_why()
    {
        var workspace = await SeededWorkspace.CreateAsync(fixture, apps: 2, tags: 5);
        var usage = await OrbitCli.RunAsync(["usage", workspace.Id], Environment());
        Assert.True(usage.ExitCode == 0, usage.ToString());
        Assert.Matches($@"Workspace {workspace.Id}: .* \(85\.0%\), level warning, 11 images", usage.Output);

        var preview = await OrbitCli.RunAsync(["cleanup", "preview", workspace.Id, "--json"], Environment());
        Assert.True(preview.ExitCode == 0, preview.ToString());
        var plan = JsonDocument.Parse(preview.Output).RootElement;
        var fromApi = await (await fixture.App.Http.PostAsync($"/api/internal/workspaces/{workspace.Id}/cleanup-preview", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(fromApi.GetProperty("deletions").GetArrayLength(), plan.GetProperty("deletions").GetArrayLength());

        var table = await OrbitCli.RunAsync(["cleanup", "preview", workspace.Id], Environment());
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains($"Would delete {plan.GetProperty("deletions").GetArrayLength()}", table.Output);
        foreach (var deletion in plan.GetProperty("deletions").EnumerateArray())
        {
            Assert.Contains($"{deletion.GetProperty("repository").GetString()}  {deletion.GetProperty("tags")[0].GetString()}", table.Output);
        }

        if (plan.GetProperty("kept").GetArrayLength() > 0)
        {
            Assert.Contains("old images:", table.Output);
            Assert.Contains(plan.GetProperty("kept")[0].GetProperty("explanation").GetString()!, table.Output);
        }
    }

    [Fact]
    public async Task In_a_terminal_usage_is_a_coloured_bar_and_a_waited_build_ends_with_a_green_line()
    {
        var workspace = await SeededWorkspace.CreateAsync(fixture, apps: 1, tags: 2, percent: 50);
        var usage = await OrbitCli.RunInTerminalAsync(["usage", workspace.Id], Environment());
        Assert.True(usage.ExitCode == 0, usage.ToString());
        Assert.Contains($"Workspace {workspace.Id}:", usage.Output);
        Assert.Matches("\u001b\\[[0-9;]*m█+", usage.Output);

        var start = await OrbitCli.RunInTerminalAsync(["build", "start", "--workspace", workspace.Id, "--app", "app0", "--repository", SeededWorkspace.Repository(workspace.Id, 0), "--tag", "9.0", "--wait"], Environment());
        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.Matches(@"\u001b\[[0-9;]*mBuild [0-9a-f]+ may start\.", start.Output);
        Assert.DoesNotMatch(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", start.Output);
    }

    private async Task<JsonElement> StatusAsync(string id)
    {
        using var response = await fixture.App.Http.GetAsync($"/api/builds/{id}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET /api/builds/{id}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
