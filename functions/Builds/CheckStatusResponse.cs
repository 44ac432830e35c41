using Microsoft.Azure.Functions.Worker;

namespace Orbit.Functions.Builds;

/// <summary>
/// The answer to a build's start: its instance id and the Durable management URLs to poll, signal, terminate and purge
/// it, each carrying the <c>durabletask_extension</c> system key as <c>code</c>, as Azure Functions returns them.
/// The build endpoints (<c>/api/builds/{id}…</c>) do the same with the caller's own function key.
/// </summary>
public sealed record CheckStatusResponse(
    string Id, string StatusQueryGetUri, string SendEventPostUri, string TerminatePostUri, string PurgeHistoryDeleteUri, string? SuspendPostUri, string? ResumePostUri)
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    public static CheckStatusResponse From(HttpManagementPayload payload) => new(
        payload.Id!, payload.StatusQueryGetUri!, payload.SendEventPostUri!, payload.TerminatePostUri!, payload.PurgeHistoryDeleteUri!, payload.SuspendPostUri, payload.ResumePostUri);
}
