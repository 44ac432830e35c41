using System.Collections.Concurrent;

namespace Orbit.Quota.Tests.Builds.Replay;

/// <summary>Every episode the engine ran, in the order it began them.</summary>
internal sealed class OrchestratorEpisodes
{
    private readonly ConcurrentQueue<OrchestratorEpisode> episodes = new();

    public OrchestratorEpisode Begin(string instanceId)
    {
        var episode = new OrchestratorEpisode(instanceId);
        episodes.Enqueue(episode);
        return episode;
    }

    public IReadOnlyList<OrchestratorEpisode> Of(string instanceId) => [.. episodes.Where(episode => episode.InstanceId == instanceId)];

    /// <summary>
    /// What the instance had done by its furthest episode: each episode replays the ones before it, so the one with the
    /// most actions has them all. Not simply the newest: that one may still be replaying (started by a completion that
    /// arrived after what the test waited for) and show only a part.
    /// </summary>
    public IReadOnlyList<OrchestratorAction> ActionsOf(string instanceId) =>
        Of(instanceId).Select(episode => episode.Actions).MaxBy(actions => actions.Count) ?? [];
}
