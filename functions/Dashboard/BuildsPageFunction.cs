using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Orbit.Functions.Builds;

namespace Orbit.Functions.Dashboard;

/// <summary>
/// <c>GET /api/dashboard/builds</c>: the build orchestrations created within <see cref="DashboardOptions.RecentBuilds"/>,
/// at most <see cref="DashboardOptions.BuildsShown"/>: every one still running (those are what operators watch) and then
/// the newest finished ones. The instance query returns instances in no useful order, so the window is listed without
/// inputs and outputs (one query, paged), the builds to show picked from that, and only those read whole.
/// </summary>
public sealed class BuildsPageFunction(DashboardSessions sessions, IOptions<DashboardOptions> options, TimeProvider time, ILogger<BuildsPageFunction> logger)
{
    private const int ListPageSize = 1000;

    [Function("DashboardBuilds")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/builds")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        if (!sessions.IsSignedIn(request))
        {
            return DashboardResponses.ToSignIn(request);
        }

        var settings = options.Value;
        var query = new OrchestrationQuery { CreatedFrom = time.GetUtcNow() - settings.RecentBuilds, PageSize = ListPageSize, FetchInputsAndOutputs = false };
        var window = new List<OrchestrationMetadata>();
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (instance.Name == BuildOrchestrator.Name)
            {
                window.Add(instance);
            }
        }

        var chosen = BuildsToShow.Choose(window, settings.BuildsShown);
        var whole = await Task.WhenAll(chosen.Select(instance => client.GetInstanceAsync(instance.InstanceId, getInputsAndOutputs: true, cancellationToken)));
        var builds = whole.Select((instance, index) => Row(instance ?? chosen[index])).OrderByDescending(build => build.CreatedAt).ToList();
        return DashboardResponses.Page(request, BuildsPage.Render(builds, settings.RecentBuilds, window.Count > builds.Count));
    }

    private BuildRow Row(OrchestrationMetadata instance) =>
        new(instance.InstanceId, instance.RuntimeStatus.ToString(), instance.CreatedAt, instance.LastUpdatedAt, Read<BuildInput>(instance, () => instance.ReadInputAs<BuildInput>()), Read<BuildStatus>(instance, () => instance.ReadCustomStatusAs<BuildStatus>()));

    // An instance started with a malformed input (through the generic Durable API) is still listed, without what it lacks.
    private T? Read<T>(OrchestrationMetadata instance, Func<T?> read)
        where T : class
    {
        try
        {
            return read();
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or FormatException or InvalidOperationException)
        {
            logger.LogWarning("Build {InstanceId}'s {Part} cannot be read: {Error}", instance.InstanceId, typeof(T).Name, exception.Message);
            return null;
        }
    }
}
