using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Options;
using Orbit.Quota.Images;

namespace Orbit.Functions.Builds;

public static class BuildsFeature
{
    /// <summary>The build orchestration's settings (section <c>Builds</c>, validated at start) and the instance's registry DELETE slots.</summary>
    public static FunctionsApplicationBuilder AddBuilds(this FunctionsApplicationBuilder builder)
    {
        builder.Services.AddOptions<BuildOptions>()
            .Bind(builder.Configuration.GetSection(BuildOptions.SectionName))
            .Validate(o => o.Timeout > TimeSpan.Zero && o.CleanupLeaseDuration > TimeSpan.Zero && o.CleanupLeaseRetryInterval > TimeSpan.Zero && o.ActivityAttempts > 0
                    && o.DeletionBatchSize > 0 && o.DeletionParallelism > 0,
                "Builds:Timeout, CleanupLeaseDuration, CleanupLeaseRetryInterval, ActivityAttempts, DeletionBatchSize and DeletionParallelism must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<BuildConversation>();
        builder.Services.AddSingleton(provider => new DeletionSlots(provider.GetRequiredService<IOptions<BuildOptions>>().Value.DeletionParallelism));
        return builder;
    }
}
