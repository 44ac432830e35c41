using Orbit.Quota.Images;

namespace Orbit.Quota.Tests.Images;

public sealed class DeletionSlotsTests
{
    // A released slot is handed on through a task continuation, which a busy machine may run a little later.
    private static readonly TimeSpan Handover = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_batch_that_asks_later_waits_behind_every_delete_of_the_batch_before_it()
    {
        using var slots = new DeletionSlots(2);
        var first = Enumerable.Range(0, 3).Select(_ => slots.TakeAsync(CancellationToken.None).AsTask()).ToList();
        var second = Enumerable.Range(0, 3).Select(_ => slots.TakeAsync(CancellationToken.None).AsTask()).ToList();

        var firstHeld = await first[0].WaitAsync(Handover);
        var secondHeld = await first[1].WaitAsync(Handover);
        Assert.All(second.Prepend(first[2]), waiting => Assert.False(waiting.IsCompleted));

        firstHeld.Dispose();
        await first[2].WaitAsync(Handover);
        Assert.All(second, waiting => Assert.False(waiting.IsCompleted));

        secondHeld.Dispose();
        await second[0].WaitAsync(Handover);
        Assert.False(second[1].IsCompleted);
    }

    [Fact]
    public async Task A_cancelled_wait_gives_up_its_place_without_taking_a_slot()
    {
        using var slots = new DeletionSlots(1);
        var held = await slots.TakeAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = slots.TakeAsync(cancel.Token).AsTask();
        var next = slots.TakeAsync(CancellationToken.None).AsTask();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        held.Dispose();

        (await next.WaitAsync(Handover)).Dispose();
    }

    [Fact]
    public void At_least_one_slot_is_needed()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeletionSlots(0));
    }
}
