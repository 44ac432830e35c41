using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orbit.Functions.Builds;
using Orbit.Quota.Images;
using Orbit.Quota.Storage;
using Orbit.Quota.Tests.Builds.Replay;
using Orbit.Quota.Tests.Integration;
using Orbit.Quota.Workspaces;
using Orbit.Registry.Client;
using Orbit.Registry.References;
using Orbit.Testing;

namespace Orbit.Quota.Tests.Builds;

/// <summary>
/// A real Azurite and a real registry with token authentication, and the app's build activities over them, registered as
/// the worker registers them (the quota library's registrations, the replay tests' build settings): for tests that call
/// the activities in this process, or run the orchestrator on them in memory.
/// </summary>
public sealed class BuildActivitiesFixture : IAsyncLifetime
{
    public const string User = "orbit-service";

    /// <summary>The bytes of its own each image <see cref="SeedAboveTriggerAsync"/> pushes has (one layer).</summary>
    public const int ImageBytes = 24 * 1024;

    private AzuriteServer? azurite;
    private TokenAuthRegistry? registry;

    /// <summary>The registry password of <see cref="User"/>, different in every run.</summary>
    public string Password { get; } = $"registry-password-{Guid.NewGuid():N}";

    public AzuriteServer Azurite => azurite ?? throw new InvalidOperationException("The fixture has not started.");

    public TokenAuthRegistry Registry => registry ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        var starting = AzuriteServer.StartAsync();
        registry = await TokenAuthRegistry.StartAsync(new Dictionary<string, (string, string[])> { [User] = (Password, ["*"]) });
        azurite = await starting;
    }

    public async Task DisposeAsync()
    {
        if (registry is not null)
        {
            await registry.DisposeAsync();
        }

        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }

    /// <summary>
    /// A new workspace with <paramref name="images"/> images of ws/api (tags v1, v2, ...), each with 24 KiB (<see cref="ImageBytes"/>)
    /// of its own, pushed and tracked through <paramref name="services"/>; then its quota set so they use 90% of it (above the
    /// default 80% trigger), under the policy <paramref name="policy"/> makes of that quota.
    /// </summary>
    public async Task<WorkspaceId> SeedAboveTriggerAsync(IServiceProvider services, int images, Func<long, QuotaPolicy> policy)
    {
        var workspace = WorkspaceId.TryParse(FunctionAppFixture.NewWorkspace(), out var id) ? id : throw new InvalidOperationException();
        var repository = RepositoryName.Parse($"{workspace}/api");
        using var pusher = Registry.Pusher(User);
        var store = services.GetRequiredService<UsageStore>();
        await store.SetPolicyAsync(workspace, new QuotaPolicy(1L << 40), CancellationToken.None);
        for (var version = 1; version <= images; version++)
        {
            await pusher.PushImageAsync(repository.Value, $"v{version}", [RegistryImagePusher.Layer(version, ImageBytes)]);
            await services.GetRequiredService<ImageTracker>().TrackAsync(workspace, "api", repository, Tag.Parse($"v{version}"), null, CancellationToken.None);
        }

        var used = (await store.GetUsageAsync(workspace, CancellationToken.None))!.UsedBytes;
        await store.SetPolicyAsync(workspace, policy((long)Math.Ceiling(used / 0.9)), CancellationToken.None);
        return workspace;
    }

    /// <summary>
    /// The app's build activity classes and what they stand on; each activity resolved per call, as the worker does. The
    /// build settings are the replay tests' (<see cref="ReplayHost.Settings"/>), as <paramref name="adjust"/> changes them.
    /// </summary>
    /// <param name="alsoRegister">Registrations after the app's, which replace or extend them (a slower storage account, say).</param>
    public ServiceProvider CreateServices(Action<BuildOptions>? adjust = null, Action<IServiceCollection>? alsoRegister = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Registry:Url"] = Registry.Registry.Url.ToString(),
            ["Registry:Username"] = User,
            ["Registry:Password"] = Password,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new TableServiceClient(Azurite.ConnectionString));
        services.AddSingleton(new BlobServiceClient(Azurite.ConnectionString));
        services.AddRegistryQuota(configuration);
        services.AddSingleton(new DeletionSlots(4));
        services.AddSingleton(Options.Create(ReplayHost.Settings(adjust)));
        services.AddSingleton<PlannedDigestDeleter>().AddSingleton<CleanupRecorder>().AddSingleton<CleanupPlanContainer>().AddSingleton<KeptCleanupPlans>().AddSingleton<LargeCleanupSummaries>().AddSingleton<InlineCleanup>().AddSingleton<BuildConversation>();
        services.AddTransient<CheckQuotaActivity>().AddTransient<CarryOutCleanupActivity>().AddTransient<DeleteImageDigestsActivity>().AddTransient<RecordCleanupActivity>()
            .AddTransient<ReleaseCleanupLeaseActivity>().AddTransient<TrackBuiltImageActivity>().AddTransient<ReadCleanupActivity>();
        alsoRegister?.Invoke(services);
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// Registrations (for <see cref="CreateServices"/>) that watch what the activities send: the storage clients with
    /// <paramref name="tables"/> and <paramref name="blobs"/> in their pipelines, and the registry client recording when
    /// each DELETE goes out into <paramref name="deletesSentAt"/>.
    /// </summary>
    public Action<IServiceCollection> Watched(ConcurrentQueue<long> deletesSentAt, HttpPipelinePolicy? tables = null, HttpPipelinePolicy? blobs = null) => services =>
    {
        var tableOptions = new TableClientOptions();
        var blobOptions = new BlobClientOptions();
        if (tables is not null)
        {
            tableOptions.AddPolicy(tables, HttpPipelinePosition.PerCall);
        }

        if (blobs is not null)
        {
            blobOptions.AddPolicy(blobs, HttpPipelinePosition.PerCall);
        }

        services.AddSingleton(new TableServiceClient(Azurite.ConnectionString, tableOptions));
        services.AddSingleton(new BlobServiceClient(Azurite.ConnectionString, blobOptions));
        services.AddHttpClient<RegistryClient>().AddHttpMessageHandler(() => new RegistryDeleteRecorder(deletesSentAt));
    };

}
