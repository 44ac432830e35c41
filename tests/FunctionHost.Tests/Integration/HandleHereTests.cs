using System.Collections.Concurrent;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orbit.FunctionHost.Health;
using Orbit.FunctionHost.Queues;
using Orbit.Testing;

namespace Orbit.FunctionHost.Tests.Integration;

[Collection(AzuriteCollection.Name)]
public sealed class HandleHereTests(AzuriteFixture storage)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_message_handed_to_the_listener_here_runs_without_being_fetched_and_stays_hidden_from_other_receivers_past_its_first_lease()
    {
        await using var here = RegisterListener(batchSize: 4);

        await here.Sender.SendToHandleHereAsync(here.QueueName, new Note("local"));

        await here.StartedAsync("local");
        // Held longer than one lease: only the listener's renewals keep it from another instance now.
        await Task.Delay(Lease * 1.5);
        Assert.Empty((await here.Queue.ReceiveMessagesAsync(32)).Value);

        here.Finish.SetResult();
        await Eventually.ReturnsAsync(async () => (await here.Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount, count => count == 0, Patience,
            "the handled message deleted from its queue");
    }

    [Fact]
    public async Task A_message_goes_on_the_queue_for_any_instance_when_the_listener_here_has_a_full_batch()
    {
        await using var here = RegisterListener(batchSize: 1);
        await here.Sender.SendToHandleHereAsync(here.QueueName, new Note("local"));
        await here.StartedAsync("local");

        await here.Sender.SendToHandleHereAsync(here.QueueName, new Note("shared"));

        var received = await Eventually.ReturnsAsync(async () => (await here.Queue.ReceiveMessagesAsync(32)).Value, messages => messages.Length > 0, Patience,
            "another receiver to get the second message");
        Assert.Contains("shared", Assert.Single(received).Body.ToString(), StringComparison.Ordinal);
        Assert.Equal(["local"], here.Started);
    }

    [Fact]
    public async Task A_message_handed_over_comes_back_to_other_instances_when_the_listener_here_stops_before_it_is_done()
    {
        await using var here = RegisterListener(batchSize: 4);
        await here.Sender.SendToHandleHereAsync(here.QueueName, new Note("interrupted"));
        await here.StartedAsync("interrupted");

        // Shutdown with no time to finish: the handler is cancelled and the message released at once, not after its lease.
        using (var noTime = new CancellationTokenSource(TimeSpan.FromMilliseconds(100)))
        {
            await here.Listener!.StopAsync(noTime.Token);
        }

        var received = await Eventually.ReturnsAsync(async () => (await here.Queue.ReceiveMessagesAsync(32)).Value, messages => messages.Length > 0, TimeSpan.FromSeconds(1.5),
            "another receiver to get the released message within less than its lease");
        Assert.Contains("interrupted", Assert.Single(received).Body.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A listener registered where the sender finds it, as a started one registers itself, but never started: it fetches nothing, so whatever it handles was handed to it.</summary>
    private RunningListener RegisterListener(int batchSize)
    {
        var queueName = TestNames.Queue("here");
        var options = new QueuesOptions { BatchSize = batchSize, LeaseDuration = Lease, MessageEncoding = QueueMessageEncoding.Base64 };
        var queues = new QueueServiceClient(storage.Azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var wakeups = new QueueWakeups();
        var local = new LocalQueueListeners();
        var running = new RunningListener(queueName, storage.Queue(queueName), new QueueMessageSender(queues, wakeups, local, Options.Create(options)));
        var function = new QueueFunctionRegistration("Record", queueName, async (_, body, _, cancellationToken) =>
        {
            running.Started.Enqueue(body.ToObjectFromJson<Note>(QueueMessageSerializer.Options)!.Text);
            await running.Finish.Task.WaitAsync(cancellationToken);
        });
        running.Listener = new QueueListener(function, queueName, queues, options, new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(),
            new ListenerStates(), wakeups, local, TimeProvider.System, NullLogger<QueueListener>.Instance);
        local.Add(queueName, running.Listener);
        return running;
    }

    private sealed record Note(string Text);

    private sealed class RunningListener(string queueName, QueueClient queue, QueueMessageSender sender) : IAsyncDisposable
    {
        public string QueueName { get; } = queueName;

        public QueueClient Queue { get; } = queue;

        public QueueMessageSender Sender { get; } = sender;

        public QueueListener? Listener { get; set; }

        public ConcurrentQueue<string> Started { get; } = new();

        public TaskCompletionSource Finish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task StartedAsync(string text) =>
            Eventually.ReturnsAsync(() => Task.FromResult(Started.ToList()), started => started.Contains(text), Patience, $"the listener here to start '{text}'");

        public async ValueTask DisposeAsync()
        {
            Finish.TrySetResult();
            if (Listener is not null)
            {
                // Waits for the handlers it was handed.
                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await Listener.StopAsync(stop.Token);
                Listener.Dispose();
            }

            await Queue.DeleteIfExistsAsync();
        }
    }
}
