namespace Orbit.Functions.Builds;

/// <summary>Input of the tracking activity: the build's image and, when the build system sent it, its digest.</summary>
public sealed record TrackBuiltImageRequest(string WorkspaceId, string AppId, string Repository, string Tag, string? Digest);
