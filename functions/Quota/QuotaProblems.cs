using Microsoft.AspNetCore.WebUtilities;
using Orbit.Functions.Http;
using Orbit.Quota.Events;
using Orbit.Quota.Images;
using Orbit.Quota.Repositories;
using Orbit.Quota.Storage;
using Orbit.Quota.Workspaces;
using Orbit.Registry.Client;
using Orbit.Registry.Manifests;
using Orbit.Registry.References;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Orbit.Functions.Quota;

/// <summary>Turns request values and the accounting's failures into problem details a caller can act on.</summary>
internal static class QuotaProblems
{
    public static WorkspaceId WorkspaceIdFrom(string? text) =>
        WorkspaceId.TryParse(text, out var id)
            ? id
            : throw ProblemException.BadRequest($"'{text}' is not a workspace id: 1 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit.");

    public static RepositoryName RepositoryFrom(string? text) =>
        RepositoryName.TryParse(text, out var name)
            ? name
            : throw ProblemException.BadRequest($"'{text}' is not a repository name: lowercase path components of letters and digits separated by '.', '_', '__' or '-', joined by '/'.");

    public static string AppIdFrom(string? text) =>
        RepositoryOwner.IsValidAppId(text) ? text! : throw ProblemException.BadRequest($"'{text}' is not an app id: 1 to 128 letters, digits, '.', '_' or '-'.");

    public static Tag TagFrom(string? text) =>
        Tag.TryParse(text, out var tag) ? tag : throw ProblemException.BadRequest($"'{text}' is not a tag: 1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'.");

    public static Digest? OptionalDigestFrom(string? text) =>
        text is null ? null
        : Digest.TryParse(text, out var digest) ? digest
        : throw ProblemException.BadRequest($"'{text}' is not a digest: 'sha256:' and 64 lowercase hex digits.");

    /// <summary>The problem for a failure of the accounting or the registry; null for a bug, which stays a 500.
    /// Registered once with the host (<c>MapProblems</c>), so every function's failures are answered alike.</summary>
    public static ProblemException? From(Exception exception) => exception switch
    {
        UnknownWorkspaceException unknown => ProblemException.NotFound(unknown.Message),
        ImageNotInRegistryException missing => ProblemException.NotFound(missing.Message),
        TagMovedException moved => new ProblemException(409, "Conflict", moved.Message),
        RegistryEventDeferredException deferred => new ProblemException(503, "Service unavailable", deferred.Message),
        RepositoryOwnershipException ownership => new ProblemException(
            ownership.Refusal.Status, ReasonPhrases.GetReasonPhrase(ownership.Refusal.Status), ownership.Refusal.Detail, new Dictionary<string, object?> { ["rule"] = ownership.Refusal.Rule }),
        InvalidManifestException invalid => new ProblemException(502, "Bad gateway", $"The registry served a manifest we cannot account for: {invalid.Message}"),
        RegistryException registry => new ProblemException(502, "Bad gateway", $"The registry refused the request: {registry.Message}"),
        HttpRequestException or TimeoutRejectedException or BrokenCircuitException =>
            new ProblemException(503, "Service unavailable", $"The registry cannot be reached right now ({exception.GetType().Name}); try again shortly."),
        _ => null,
    };
}
