using Orbit.Orchestrations;

namespace Orbit.Functions.Builds;

public static class BuildServiceCollectionExtensions
{
    /// <summary>The build orchestration, its activities and its settings (section <c>Builds</c>), on the orchestration runtime.</summary>
    public static IServiceCollection AddBuilds(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BuildOptions>()
            .Bind(configuration.GetSection(BuildOptions.SectionName))
            .Validate(o => o.Timeout > TimeSpan.Zero && o.CleanupLeaseDuration > TimeSpan.Zero && o.CleanupLeaseRetryInterval > TimeSpan.Zero && o.ActivityAttempts > 0,
                "Builds:Timeout, CleanupLeaseDuration, CleanupLeaseRetryInterval and ActivityAttempts must be positive.")
            .ValidateOnStart();
        return services.AddOrchestrations(configuration, orchestrations => orchestrations
            .Orchestrator<BuildOrchestrator, BuildInput, BuildResult>(BuildOrchestrator.Name)
            .Activity<AcquireCleanupLeaseActivity, CleanupLeaseRequest, Orbit.Quota.Cleanup.CleanupLease>(nameof(AcquireCleanupLeaseActivity))
            .Activity<PlanCleanupActivity, PlanCleanupRequest, PlannedCleanup>(nameof(PlanCleanupActivity))
            .Activity<DeleteImageDigestActivity, DeleteDigestRequest, DeletionOutcome>(nameof(DeleteImageDigestActivity))
            .Activity<ReleaseCleanupLeaseActivity, CleanupLeaseRequest, bool>(nameof(ReleaseCleanupLeaseActivity))
            .Activity<TrackBuiltImageActivity, TrackBuiltImageRequest, TrackedBuild>(nameof(TrackBuiltImageActivity)));
    }
}
