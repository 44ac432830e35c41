using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Options;
using Orbit.Quota.Images;

namespace Orbit.Functions.Builds;

public static class BuildsFeature
{
    /// <summary>The build orchestration's settings (section <c>Builds</c>, validated at start), the instance's registry DELETE slots, and what keeps, carries out and records a plan.</summary>
    public static FunctionsApplicationBuilder AddBuilds(this FunctionsApplicationBuilder builder)
    {
        builder.Services.AddOptions<BuildOptions>()
            .Bind(builder.Configuration.GetSection(BuildOptions.SectionName))
            .Validate(o => o.Timeout > TimeSpan.Zero && o.CleanupLeaseDuration > TimeSpan.Zero && o.CleanupLeaseRetryInterval > TimeSpan.Zero && o.ActivityAttempts > 0
                    && o.DeletionBatchSize > 0 && o.InlineBatchSize > 0 && o.DeletionParallelism > 0,
                "Builds:Timeout, CleanupLeaseDuration, CleanupLeaseRetryInterval, ActivityAttempts, DeletionBatchSize, InlineBatchSize and DeletionParallelism must be positive.")
            .Validate(o => o.InlineCleanupBudget >= TimeSpan.Zero && o.InlineCleanupBudget < o.CleanupLeaseDuration,
                "Builds:InlineCleanupBudget must be zero or more and shorter than Builds:CleanupLeaseDuration (the lease must outlast the deletions made under it).")
            .Validate(o => !string.IsNullOrWhiteSpace(o.CleanupPlanContainer), "Builds:CleanupPlanContainer must name a blob container.")
            .Validate(o => o.InlineProgressInterval >= TimeSpan.Zero, "Builds:InlineProgressInterval must be zero or more.")
            .ValidateOnStart();
        builder.Services.AddSingleton<BuildConversation>();
        builder.Services.AddSingleton<PlannedDigestDeleter>();
        builder.Services.AddSingleton<CleanupRecorder>();
        builder.Services.AddSingleton<CleanupPlanContainer>();
        builder.Services.AddSingleton<KeptCleanupPlans>();
        builder.Services.AddSingleton<LargeCleanupSummaries>();
        builder.Services.AddSingleton<InlineCleanup>();
        builder.Services.AddSingleton(provider => new DeletionSlots(provider.GetRequiredService<IOptions<BuildOptions>>().Value.DeletionParallelism));
        return builder;
    }
}
