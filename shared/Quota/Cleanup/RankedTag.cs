using Orbit.Quota.Usage;

namespace Orbit.Quota.Cleanup;

/// <summary>An image record with its place among its app's tags: rank 0 is the app's newest tag.</summary>
/// <param name="Record">The record's position in the planner's input, which numbers its blob references.</param>
/// <param name="AppTagCount">How many tags the app has, to tell "an app's only tag" apart from "among its newest".</param>
internal readonly record struct RankedTag(int Record, ImageRecord Image, int Rank, int AppTagCount);
