using Microsoft.Extensions.Options;
using Orbit.Orchestrations;
using Orbit.Quota.Images;

namespace Orbit.Functions.Builds;

public static class BuildServiceCollectionExtensions
{
    /// <summary>The build orchestration, its activities and its settings (section <c>Builds</c>), on the orchestration runtime.</summary>
    public static IServiceCollection AddBuilds(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BuildOptions>()
            .Bind(configuration.GetSection(BuildOptions.SectionName))
            .Validate(o => o.Timeout > TimeSpan.Zero && o.CleanupLeaseDuration > TimeSpan.Zero && o.CleanupLeaseRetryInterval > TimeSpan.Zero && o.ActivityAttempts > 0
                    && o.DeletionBatchSize > 0 && o.DeletionParallelism > 0,
                "Builds:Timeout, CleanupLeaseDuration, CleanupLeaseRetryInterval, ActivityAttempts, DeletionBatchSize and DeletionParallelism must be positive.")
            .ValidateOnStart();
        services.AddSingleton<BuildConversation>();
        services.AddSingleton(provider => new DeletionSlots(provider.GetRequiredService<IOptions<BuildOptions>>().Value.DeletionParallelism));
        return services.AddOrchestrations(configuration, orchestrations => orchestrations
            .Orchestrator<BuildOrchestrator, BuildInput, BuildResult>(BuildOrchestrator.Name)
            .Activity<CheckQuotaActivity, CheckQuotaRequest, QuotaCheck>(nameof(CheckQuotaActivity))
            .Activity<DeleteImageDigestsActivity, DeleteDigestsRequest, IReadOnlyList<DeletionOutcome>>(nameof(DeleteImageDigestsActivity))
            .Activity<ReleaseCleanupLeaseActivity, CleanupLeaseRequest, bool>(nameof(ReleaseCleanupLeaseActivity))
            .Activity<TrackBuiltImageActivity, TrackBuiltImageRequest, TrackedBuild>(nameof(TrackBuiltImageActivity)));
    }
}
