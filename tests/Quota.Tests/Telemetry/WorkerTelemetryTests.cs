using Orbit.Quota.Telemetry;
using Orbit.Quota.Tests.Builds;
using Orbit.Testing;

namespace Orbit.Quota.Tests.Telemetry;

/// <summary>
/// The app's telemetry feature in the real worker process: with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, a build with a
/// cleanup reaches an OTLP collector as traces, metrics and logs, and nothing it sends carries a key.
/// </summary>
[Collection(TelemetryAppCollection.Name)]
public sealed class WorkerTelemetryTests(TelemetryAppFixture fixture)
{
    [Fact]
    public async Task With_an_OTLP_endpoint_set_the_worker_exports_the_cleanups_spans_metrics_and_logs_and_no_key()
    {
        var workspace = await SeededWorkspace.CreateAsync(fixture, apps: 2, tags: 5);
        var build = await BuildInstance.StartAsync(fixture.App.Http, new { workspaceId = workspace.Id, appId = "app0", repository = SeededWorkspace.Repository(workspace.Id, 0), tag = "2.0", registry = "managed" });
        var ready = await build.WaitForPhaseAsync("ready-to-build");
        Assert.NotEqual(0, ready.GetProperty("cleanup").GetProperty("deletions").GetArrayLength());
        using var pusher = fixture.Pusher();
        var pushed = await pusher.PushImageAsync(SeededWorkspace.Repository(workspace.Id, 0), "2.0", [RegistryImagePusher.Layer(Random.Shared.Next(), 8 * 1024)]);
        await build.PushedAsync(pushed.Digest);
        Assert.Equal("Completed", (await build.WaitForEndAsync()).GetProperty("runtimeStatus").GetString());

        // The cleanup's span with its workspace, the registry's DELETEs, and the cleanup's metrics, each tagged with the workspace.
        string[] inTraces = [QuotaTelemetry.CleanupSpan, "registry DELETE manifest", "registry GET manifest", workspace.Id, QuotaTelemetry.FreedBytesAttribute];
        string[] inMetrics = [QuotaTelemetry.FreedBytesMetric, QuotaTelemetry.DeletionsMetric, QuotaTelemetry.DurationMetric, QuotaTelemetry.UsageMetric, workspace.Id];
        // A log record's body is its message template; its values are attributes.
        var logLine = "Cleanup of workspace {Workspace}: deleted {Repository}@{Digest}";
        var missing = await Eventually.ReturnsAsync(
            () => Task.FromResult(string.Join("; ", inTraces.Where(text => !Sent("traces", text)).Select(text => $"traces: {text}")
                .Concat(inMetrics.Where(text => !Sent("metrics", text)).Select(text => $"metrics: {text}"))
                .Concat(Sent("logs", logLine) && Sent("logs", workspace.Id) ? [] : [$"logs: {logLine} for {workspace.Id}"]))),
            missing => missing.Length == 0,
            TimeSpan.FromSeconds(30),
            "the build's spans, metrics and log lines to reach the collector (missing: the last value)");
        Assert.Empty(missing);

        var accountKey = fixture.Azurite.ConnectionString.Split(';').Single(part => part.StartsWith("AccountKey=", StringComparison.Ordinal))["AccountKey=".Length..];
        var systemKey = System.Web.HttpUtility.ParseQueryString(build.StatusUri.Query)["code"]!;
        string[] secrets = [Integration.FunctionAppFixture.MasterKey, Integration.FunctionAppFixture.FunctionKey, Integration.FunctionAppFixture.HostKey, Integration.FunctionAppFixture.RegistryEventsKey, systemKey, accountKey, "SharedKey"];
        foreach (var signal in new[] { "traces", "metrics", "logs" })
        {
            Assert.All(secrets, secret => Assert.DoesNotContain(fixture.Receiver.Payloads(signal), payload => payload.Contains(secret, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task An_app_with_a_connection_string_that_is_not_one_does_not_start_and_says_which_setting_without_its_value()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.StartAppAsync("telemetry-bad", overrides: new Dictionary<string, string?>
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "InstrumentationKey=do-not-print-me",
        }));

        Assert.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING must be the Application Insights component's connection string", error.Message);
        Assert.DoesNotContain("do-not-print-me", error.Message);
    }

    private bool Sent(string signal, string text) => fixture.Receiver.Received(signal, text);
}
