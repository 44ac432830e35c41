using System.Diagnostics;
using System.Text;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orbit.Functions.Builds;
using Orbit.Functions.Telemetry;
using Orbit.Quota.History;
using Orbit.Quota.Telemetry;
using Orbit.Quota.Tests.Builds;
using Orbit.Quota.Tests.Builds.Replay;
using Orbit.Quota.Workspaces;
using Orbit.Registry.References;
using Orbit.Registry.Telemetry;
using Orbit.Testing;

namespace Orbit.Quota.Tests.Telemetry;

/// <summary>
/// One build with a cleanup, in this process, collected by the OpenTelemetry SDK with the in-memory exporter and exactly
/// the sources, meters and HTTP instrumentation the app exports (<see cref="TelemetrySources"/>): the build orchestrator
/// on Durable Task's engine (<see cref="ReplayHost"/>) calling the app's own activity classes, over a real registry with
/// token authentication and a real Azurite. What the worker process adds on top (its Functions defaults and exporters) is
/// checked by <see cref="WorkerTelemetryTests"/> (OTLP from the real worker) and <see cref="TelemetryOptionsTests"/>.
/// </summary>
public sealed class BuildTelemetryTests(BuildActivitiesFixture fixture) : IClassFixture<BuildActivitiesFixture>
{
    private const string User = BuildActivitiesFixture.User;
    private const long ImageBytes = BuildActivitiesFixture.ImageBytes;

    [Fact]
    public async Task A_build_with_a_cleanup_exports_a_span_per_registry_request_and_per_cleanup_and_the_cleanup_metrics_without_any_secret()
    {
        var exportedSpans = new List<Activity>();
        var exportedMetrics = new List<MetricSnapshot>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddOrbitSources().AddInMemoryExporter(exportedSpans).Build()!;
        using var metering = Sdk.CreateMeterProviderBuilder().AddOrbitMeters().AddInMemoryExporter(exportedMetrics).Build()!;
        await using var services = fixture.CreateServices();
        // Six images of ws/api, 24 KiB each of their own, with the quota set so they are at 90%: above the 80% trigger.
        var workspace = await fixture.SeedAboveTriggerAsync(services, 6, quota => new QuotaPolicy(quota));
        var repository = RepositoryName.Parse($"{workspace}/api");
        using var pusher = fixture.Registry.Pusher(User);

        BuildResult result;
        await using (var host = await ReplayHost.StartAsync(tasks => RegisterActivities(tasks, services), ReplayHost.Settings()))
        {
            var build = await host.StartBuildAsync(new BuildInput(workspace, "api", repository, Tag.Parse("next"), BuildRegistry.Managed, 0));
            await host.WaitForStatusAsync(build, status => status.Phase == BuildStatus.ReadyToBuild);
            var pushed = await pusher.PushImageAsync(repository.Value, "next", [RegistryImagePusher.Layer(100, (int)ImageBytes)]);
            await host.Client.RaiseEventAsync(build, BuildOrchestrator.ImagePushedEvent, new ImagePushed(Digest.Parse(pushed.Digest)));
            var done = await host.WaitForCompletionAsync(build);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            result = done.ReadOutputAs<BuildResult>()!;
        }

        // The HTTP instrumentation also sees the requests of tests running beside this one, whose spans keep arriving: stop
        // listening and read a copy.
        tracing.ForceFlush();
        metering.ForceFlush();
        tracing.Dispose();
        metering.Dispose();
        var spans = exportedSpans.ToArray();
        var metrics = exportedMetrics.ToArray();
        var cleanup = result.Cleanup!;
        var deleted = cleanup.Deletions.Where(deletion => deletion.Result == "Deleted").ToList();
        Assert.NotEmpty(deleted);
        Assert.True(cleanup.FreedBytes >= deleted.Count * ImageBytes, $"freed {cleanup.FreedBytes} bytes with {deleted.Count} deletions");

        // The cleanup: one span, from the plan to the record, with what the build reported.
        var cleanupSpan = Assert.Single(spans, span => span.DisplayName == QuotaTelemetry.CleanupSpan && TagOf(span, QuotaTelemetry.WorkspaceAttribute) == workspace.Value);
        Assert.Equal(cleanup.Outcome, TagOf(cleanupSpan, QuotaTelemetry.OutcomeAttribute));
        Assert.Equal(cleanup.Deletions.Count, cleanupSpan.GetTagItem(QuotaTelemetry.PlannedAttribute));
        Assert.Equal(deleted.Count, cleanupSpan.GetTagItem(QuotaTelemetry.DeletedAttribute));
        Assert.Equal(cleanup.FreedBytes, cleanupSpan.GetTagItem(QuotaTelemetry.FreedBytesAttribute));
        Assert.Equal(cleanup.UsedBytesBefore, cleanupSpan.GetTagItem(QuotaTelemetry.UsedBytesBeforeAttribute));
        Assert.Equal(cleanup.UsedBytesAfter, cleanupSpan.GetTagItem(QuotaTelemetry.UsedBytesAfterAttribute));
        Assert.Equal(ActivityStatusCode.Unset, cleanupSpan.Status);
        Assert.True(cleanupSpan.Duration > TimeSpan.Zero);

        // Each registry request its own span: every DELETE of the cleanup answered 202, the tracking's GET of the pushed manifest 200.
        var ours = spans.Where(span => span.Source.Name == RegistryTelemetry.SourceName && TagOf(span, RegistryTelemetry.RepositoryAttribute) == repository.Value).ToList();
        var deletes = ours.Where(span => span.DisplayName == "registry DELETE manifest").ToList();
        Assert.Equal(deleted.Count, deletes.Count);
        Assert.All(deletes, span =>
        {
            Assert.Equal("DELETE", TagOf(span, RegistryTelemetry.MethodAttribute));
            Assert.Equal(202, span.GetTagItem(RegistryTelemetry.StatusCodeAttribute));
            Assert.Equal(ActivityKind.Client, span.Kind);
        });
        Assert.Contains(ours, span => span.DisplayName == "registry GET manifest" && span.GetTagItem(RegistryTelemetry.StatusCodeAttribute) is 200);

        // The metrics, for this workspace: bytes freed, deletions by result, one cleanup's duration, usage after the build.
        Assert.Equal(cleanup.FreedBytes, Points(metrics, QuotaTelemetry.FreedBytesMetric, workspace).Last().GetSumLong());
        Assert.Equal(deleted.Count, Points(metrics, QuotaTelemetry.DeletionsMetric, workspace).Last(point => TagOf(point, QuotaTelemetry.ResultAttribute) == "Deleted").GetSumLong());
        var duration = Points(metrics, QuotaTelemetry.DurationMetric, workspace).Last();
        Assert.Equal(1, duration.GetHistogramCount());
        Assert.Equal(cleanupSpan.Duration.TotalSeconds, duration.GetHistogramSum(), 3);
        Assert.Equal(result.UsageAfter!.CurrentBytes, Points(metrics, QuotaTelemetry.UsageMetric, workspace).Last().GetGaugeLastValueLong());
        Assert.Equal(result.UsageAfter.QuotaBytes, Points(metrics, QuotaTelemetry.QuotaMetric, workspace).Last().GetGaugeLastValueLong());

        // No secret anywhere: not the registry's password (nor its Basic form), no token, no storage key or signature.
        var exported = Exported(spans, metrics);
        // The scan covers the HTTP instrumentation's spans too: the registry's 401 challenges, the token requests behind them, storage.
        Assert.Contains(exported, text => text == $"url.full=http://127.0.0.1:{fixture.Registry.Registry.Port}/v2/{repository}/manifests/next");
        Assert.Contains(exported, text => text == "http.response.status_code=401");
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{fixture.Password}"));
        var accountKey = fixture.Azurite.ConnectionString.Split(';').Single(part => part.StartsWith("AccountKey=", StringComparison.Ordinal))["AccountKey=".Length..];
        string[] secrets = [fixture.Password, basic, accountKey, "Bearer ", "Basic ", "SharedKey", "sig=", "eyJ"];
        Assert.All(secrets, secret => Assert.DoesNotContain(exported, text => text.Contains(secret, StringComparison.Ordinal)));
    }

    /// <summary>The app's activity classes, each resolved per call as the worker does, under the names the orchestrator calls.</summary>
    private static void RegisterActivities(DurableTaskRegistry tasks, IServiceProvider services)
    {
        Add<CheckQuotaActivity, CheckQuotaRequest, QuotaCheck>(tasks, services, (activity, input) => activity.RunAsync(input, CancellationToken.None));
        Add<CarryOutCleanupActivity, CarryOutCleanupRequest, CarriedOutCleanup>(tasks, services, (activity, input) => activity.RunAsync(input, CancellationToken.None));
        Add<DeleteImageDigestsActivity, DeleteDigestsRequest, IReadOnlyList<DeletionOutcome>>(tasks, services, (activity, input) => activity.RunAsync(input, CancellationToken.None));
        Add<RecordCleanupActivity, CleanupRecord, bool>(tasks, services, (activity, input) => activity.RunAsync(input, CancellationToken.None));
        Add<ReleaseCleanupLeaseActivity, CleanupLeaseRequest, bool>(tasks, services, (activity, input) => activity.RunAsync(input, CancellationToken.None));
        Add<TrackBuiltImageActivity, TrackBuiltImageRequest, TrackedBuild>(tasks, services, (activity, input) => activity.RunAsync(input, CancellationToken.None));
        Add<ReadCleanupActivity, CleanupRecordRequest, CleanupSummary?>(tasks, services, (activity, input) => activity.RunAsync(input, CancellationToken.None));
    }

    private static void Add<TActivity, TInput, TOutput>(DurableTaskRegistry tasks, IServiceProvider services, Func<TActivity, TInput, Task<TOutput>> run)
        where TActivity : notnull =>
        tasks.AddActivityFunc<TInput, TOutput>(typeof(TActivity).Name, (_, input) => run(services.GetRequiredService<TActivity>(), input));

    private static string? TagOf(Activity span, string name) => span.GetTagItem(name) as string;

    private static string? TagOf(MetricPoint point, string name)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == name)
            {
                return tag.Value as string;
            }
        }

        return null;
    }

    /// <summary>The points of a metric tagged with the workspace, over every export, in export order (cumulative: the last has the totals).</summary>
    private static List<MetricPoint> Points(IEnumerable<MetricSnapshot> metrics, string name, WorkspaceId workspace) =>
        metrics.Where(metric => metric.Name == name).SelectMany(metric => metric.MetricPoints).Where(point => TagOf(point, QuotaTelemetry.WorkspaceAttribute) == workspace.Value).ToList();

    /// <summary>Every text the exporters would send: span names, statuses, attribute and event values, metric names and tags.</summary>
    private static List<string> Exported(IEnumerable<Activity> spans, IEnumerable<MetricSnapshot> metrics)
    {
        var texts = new List<string>();
        foreach (var span in spans)
        {
            texts.Add(span.DisplayName);
            texts.Add(span.StatusDescription ?? string.Empty);
            texts.AddRange(span.TagObjects.Select(tag => $"{tag.Key}={tag.Value}"));
            texts.AddRange(span.Events.SelectMany(@event => @event.Tags.Select(tag => $"{@event.Name} {tag.Key}={tag.Value}")));
            texts.AddRange(span.Baggage.Select(item => $"{item.Key}={item.Value}"));
        }

        foreach (var metric in metrics)
        {
            texts.Add(metric.Name);
            foreach (var point in metric.MetricPoints)
            {
                foreach (var tag in point.Tags)
                {
                    texts.Add($"{tag.Key}={tag.Value}");
                }
            }
        }

        return texts;
    }
}
