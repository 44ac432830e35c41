using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Orbit.Functions.Builds;

namespace Orbit.Functions.Dashboard;

/// <summary>
/// <c>GET /api/dashboard/builds</c>: the build orchestrations created within <see cref="DashboardOptions.RecentBuilds"/>,
/// running or finished, from one page (<see cref="DashboardOptions.BuildsShown"/>) of the Durable client's instance query.
/// </summary>
public sealed class BuildsPageFunction(DashboardSessions sessions, IOptions<DashboardOptions> options, TimeProvider time, ILogger<BuildsPageFunction> logger)
{
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
        var query = new OrchestrationQuery { CreatedFrom = time.GetUtcNow() - settings.RecentBuilds, PageSize = settings.BuildsShown, FetchInputsAndOutputs = true };
        var builds = new List<BuildRow>();
        var more = false;
        await foreach (var page in client.GetAllInstancesAsync(query).AsPages(pageSizeHint: settings.BuildsShown).WithCancellation(cancellationToken))
        {
            builds.AddRange(page.Values.Where(instance => instance.Name == BuildOrchestrator.Name).Select(Row));
            more = page.ContinuationToken is not null;
            break;
        }

        return DashboardResponses.Page(request, BuildsPage.Render(builds.OrderByDescending(build => build.CreatedAt).ToList(), settings.RecentBuilds, more));
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
