using Orbit.Testing;

namespace Orbit.Storage.Tests.Testing;

/// <summary>The fixtures' start of a server again on new ports when another process took one of its ports first.</summary>
public sealed class PortClashTests
{
    [Fact]
    public async Task A_start_that_lost_its_port_is_tried_again_and_the_next_attempt_counts()
    {
        var attempts = 0;
        var started = await PortClash.RetryAsync(() =>
        {
            attempts++;
            return attempts == 1
                ? throw new InvalidOperationException("Azurite exited with 1: Exit due to unhandled error: listen EADDRINUSE: address already in use 127.0.0.1:32248")
                : Task.FromResult($"server {attempts}");
        });

        Assert.Equal("server 2", started);
    }

    [Fact]
    public async Task Any_other_failure_is_not_tried_again()
    {
        var attempts = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() => PortClash.RetryAsync<string>(() =>
        {
            attempts++;
            throw new InvalidOperationException("docker-registry exited with 1: configuration error");
        }));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task It_gives_up_after_three_lost_ports_with_the_last_failure()
    {
        var attempts = 0;
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => PortClash.RetryAsync<string>(() =>
        {
            attempts++;
            throw new InvalidOperationException($"host {attempts} exited: Failed to bind to address http://127.0.0.1:1234: address already in use.");
        }));

        Assert.Equal(3, attempts);
        Assert.StartsWith("host 3", failure.Message);
    }
}
