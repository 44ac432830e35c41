using System.Collections.Concurrent;

namespace Orbit.Orchestrations.Worker;

/// <summary>
/// Gathers the control messages this process is handling for one instance into one episode at a time.
/// A fan-in answers hundreds of activities at once; replaying and committing once per message would make
/// them race each other on the instance row. The first handler to arrive runs episodes for everything
/// that has gathered; the others wait for the episode that took their message.
/// </summary>
public sealed class InstanceMailboxes(EpisodeRunner runner)
{
    private readonly ConcurrentDictionary<string, Mailbox> mailboxes = new(StringComparer.Ordinal);

    public async Task SubmitAsync(ControlMessage message, CancellationToken cancellationToken)
    {
        var handled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Mailbox mailbox;
        bool drive;
        while (true)
        {
            mailbox = mailboxes.GetOrAdd(message.InstanceId, _ => new Mailbox());
            lock (mailbox)
            {
                if (mailbox.Closed)
                {
                    continue;
                }

                mailbox.Waiting.Add((message, handled));
                drive = !mailbox.Running;
                mailbox.Running = true;
                break;
            }
        }

        if (drive)
        {
            await DriveAsync(message.InstanceId, mailbox, cancellationToken);
        }

        await handled.Task;
    }

    private async Task DriveAsync(string instanceId, Mailbox mailbox, CancellationToken cancellationToken)
    {
        while (true)
        {
            List<(ControlMessage Message, TaskCompletionSource Handled)> batch;
            lock (mailbox)
            {
                if (mailbox.Waiting.Count == 0)
                {
                    mailbox.Running = false;
                    mailbox.Closed = true;
                    mailboxes.TryRemove(new KeyValuePair<string, Mailbox>(instanceId, mailbox));
                    return;
                }

                batch = [.. mailbox.Waiting];
                mailbox.Waiting.Clear();
            }

            try
            {
                await runner.RunAsync(instanceId, batch.Select(b => b.Message).ToList(), cancellationToken);
                batch.ForEach(b => b.Handled.TrySetResult());
            }
            catch (Exception exception)
            {
                // Each handler's message goes back to its queue and is retried on its own.
                batch.ForEach(b => b.Handled.TrySetException(exception));
            }
        }
    }

    private sealed class Mailbox
    {
        public List<(ControlMessage Message, TaskCompletionSource Handled)> Waiting { get; } = [];

        public bool Running { get; set; }

        public bool Closed { get; set; }
    }
}
