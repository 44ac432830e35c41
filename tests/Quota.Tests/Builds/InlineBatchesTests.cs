using CsCheck;
using Orbit.Functions.Builds;

namespace Orbit.Quota.Tests.Builds;

public sealed class InlineBatchesTests
{
    [Fact]
    public void A_plan_of_180_in_batches_of_20_ends_in_batches_of_10_5_3_and_2()
    {
        var batches = InlineBatches.Cut(Enumerable.Range(0, 180).ToList(), 20);

        Assert.Equal([20, 20, 20, 20, 20, 20, 20, 20, 10, 5, 3, 2], batches.Select(batch => batch.Length));
    }

    [Fact]
    public void Small_batches_and_small_plans_are_not_cut_further_than_two_digests()
    {
        Assert.Equal([2, 2, 2], InlineBatches.Cut(Enumerable.Range(0, 6).ToList(), 2).Select(batch => batch.Length));
        Assert.Equal([1, 1, 1], InlineBatches.Cut(Enumerable.Range(0, 3).ToList(), 1).Select(batch => batch.Length));
        Assert.Equal([3, 2], InlineBatches.Cut(Enumerable.Range(0, 5).ToList(), 20).Select(batch => batch.Length));
        Assert.Empty(InlineBatches.Cut(new List<int>(), 20));
    }

    [Fact]
    public void Every_digest_is_in_one_batch_in_plan_order_and_only_the_last_batch_of_the_plan_is_cut_smaller()
    {
        Gen.Select(Gen.Int[0, 400], Gen.Int[1, 64]).Sample((count, size) =>
        {
            var items = Enumerable.Range(0, count).ToList();
            var batches = InlineBatches.Cut(items, size);

            Assert.Equal(items, batches.SelectMany(batch => batch));
            Assert.All(batches, batch => Assert.InRange(batch.Length, 1, size));
            // Before the last `size` digests, full batches (the plan's remainder aside), none straddling them; within them, never growing.
            var lastDigests = Math.Min(size, count);
            var (head, tail, start) = (new List<int>(), new List<int>(), 0);
            foreach (var batch in batches)
            {
                (start < count - lastDigests ? head : tail).Add(batch.Length);
                start += batch.Length;
            }

            Assert.Equal(count - lastDigests, head.Sum());
            Assert.All(head.SkipLast(1), length => Assert.Equal(size, length));
            Assert.True(tail.Zip(tail.Skip(1)).All(pair => pair.First >= pair.Second), $"tail {string.Join(",", tail)}");
            Assert.True(tail.Count == 0 || tail[^1] <= Math.Max(2, size / 8), $"last batch {tail.LastOrDefault()} of size {size}");
        });
    }
}
