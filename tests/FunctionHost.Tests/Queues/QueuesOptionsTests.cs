using Orbit.FunctionHost.Queues;

namespace Orbit.FunctionHost.Tests.Queues;

public sealed class QueuesOptionsTests
{
    [Fact]
    public void The_defaults_are_valid_and_match_azure_functions()
    {
        var options = new QueuesOptions();

        Assert.Empty(options.Validate());
        Assert.Equal(16, options.BatchSize);
        Assert.Equal(5, options.MaxDequeueCount);
        Assert.Equal(Environment.ProcessorCount * 16 / 2, options.EffectiveNewBatchThreshold);
    }

    [Fact]
    public void Settings_storage_cannot_honour_are_refused_with_the_setting_named()
    {
        var options = new QueuesOptions { BatchSize = 64, MaxDequeueCount = 0, LeaseDuration = TimeSpan.FromSeconds(1) };

        var problems = options.Validate().ToList();

        Assert.Contains(problems, p => p.Contains("batchSize", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("maxDequeueCount", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("leaseDuration", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("orders", true)]
    [InlineData("build-work-items", true)]
    [InlineData("Orders", false)]
    [InlineData("a", false)]
    [InlineData("double--hyphen", false)]
    [InlineData("-leading", false)]
    [InlineData("../etc", false)]
    public void Queue_names_follow_azure_storage_rules(string name, bool valid) => Assert.Equal(valid, QueueNames.IsValid(name));
}
