using Microsoft.Extensions.Logging.Abstractions;
using Orbit.LocalHost.Rpc;

namespace Orbit.LocalHost.Tests.Rpc;

public sealed class WorkerChannelTests
{
    [Fact]
    public async Task When_the_workers_stream_ends_its_invocations_fail_with_the_exception_Durable_takes_for_a_worker_that_exited()
    {
        var channel = new WorkerChannel(NullLoggerFactory.Instance);
        var connection = channel.Connect(CancellationToken.None);
        var invocation = channel.InvokeAsync(new InvocationRequest { InvocationId = "in-flight", FunctionId = "f" }, CancellationToken.None);

        connection.Close();

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => invocation);
        // The Durable extension matches the type's name, as the Functions host's own exception is internal to it.
        Assert.Contains("WorkerProcessExitException", failure.GetType().ToString(), StringComparison.Ordinal);
        Assert.True(channel.Disconnected.IsCompleted);
    }

    [Fact]
    public async Task After_a_reset_the_next_worker_connects_and_its_answers_reach_the_requests_made_of_it()
    {
        var channel = new WorkerChannel(NullLoggerFactory.Instance);
        channel.Connect(CancellationToken.None).Close();

        channel.Reset();
        var next = channel.Connect(CancellationToken.None);
        channel.Receive(new StreamingMessage { StartStream = new StartStream { WorkerId = "next" } });
        var invocation = channel.InvokeAsync(new InvocationRequest { InvocationId = "after-reset", FunctionId = "f" }, CancellationToken.None);
        Assert.True(next.Outbound.TryRead(out var sent));
        channel.Receive(new StreamingMessage { InvocationResponse = new InvocationResponse { InvocationId = sent.InvocationRequest.InvocationId } });

        Assert.True(channel.Connected.IsCompleted);
        Assert.False(channel.Disconnected.IsCompleted);
        Assert.Equal("after-reset", (await invocation).InvocationId);
    }
}
