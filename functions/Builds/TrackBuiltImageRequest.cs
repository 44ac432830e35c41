using Orbit.Quota.Workspaces;
using Orbit.Registry.References;

namespace Orbit.Functions.Builds;

/// <summary>Input of the tracking activity: the build's image and, when the build system sent it, its digest.</summary>
public sealed record TrackBuiltImageRequest(WorkspaceId WorkspaceId, string AppId, RepositoryName Repository, Tag Tag, Digest? Digest);
