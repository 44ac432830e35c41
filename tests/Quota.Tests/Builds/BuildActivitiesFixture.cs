using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orbit.Functions.Builds;
using Orbit.Quota.Images;
using Orbit.Quota.Tests.Builds.Replay;
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

    /// <summary>The app's build activity classes and what they stand on; each activity resolved per call, as the worker does.</summary>
    public ServiceProvider CreateServices()
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
        services.AddSingleton(Options.Create(ReplayHost.Settings()));
        services.AddSingleton<PlannedDigestDeleter>().AddSingleton<CleanupRecorder>().AddSingleton<KeptCleanupPlans>().AddSingleton<InlineCleanup>();
        services.AddTransient<CheckQuotaActivity>().AddTransient<CarryOutCleanupActivity>().AddTransient<DeleteImageDigestsActivity>().AddTransient<RecordCleanupActivity>()
            .AddTransient<ReleaseCleanupLeaseActivity>().AddTransient<TrackBuiltImageActivity>().AddTransient<ReadCleanupActivity>();
        return services.BuildServiceProvider();
    }
}
