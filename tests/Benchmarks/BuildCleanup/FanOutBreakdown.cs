namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>Prints where one fan-out's time went, from its history: the hops to ready-to-build and how the fan-in kept up with the deletions.</summary>
internal static class FanOutBreakdown
{
    public static void Write(TextWriter output, DeletionRun run)
    {
        if (run.Timeline is not { } timeline)
        {
            return;
        }

        output.WriteLine("      hops: " + string.Join(" | ", timeline.Hops(run.StartedAt, run.EndedAt, run.ReadyWrittenAt).Select(hop => $"{hop.Hop} {hop.Ms:0} ms")));
        var completions = timeline.Completions(FanOutVariant.DeleteActivity);
        var step = timeline.Steps.FirstOrDefault(s => s.Activity == FanOutVariant.DeleteActivity);
        if (completions.Count == 0 || step is null)
        {
            return;
        }

        var episodes = timeline.EpisodesRecording(FanOutVariant.DeleteActivity);
        var lags = completions.Select(c => c.RecordLagMs).ToList();
        var window = (step.LastCompletedAt - step.ScheduledAt).TotalSeconds;
        output.WriteLine($"      deletes: first done {(completions[0].CompletedAt - step.ScheduledAt).TotalMilliseconds:0} ms after scheduling, last at {window:0.00} s; " +
            $"{episodes} episodes recorded the {completions.Count} completions ({(double)completions.Count / episodes:0.0} each); " +
            $"completion -> recorded p50 {Percentile.Of(lags, 50):0} ms, max {lags.Max():0} ms");

        // Completions per tenth of the window: flat means a steady rate, a slope or a tail shows where the fan-out slowed.
        var slices = new int[10];
        foreach (var (completedAt, _) in completions)
        {
            var slice = (int)((completedAt - step.ScheduledAt).TotalSeconds / window * 10);
            slices[Math.Clamp(slice, 0, 9)]++;
        }

        output.WriteLine($"      completions per tenth of the window: {string.Join(" ", slices)}");
    }
}
