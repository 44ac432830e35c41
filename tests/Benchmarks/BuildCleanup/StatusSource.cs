namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>Where a build's status is polled.</summary>
internal enum StatusSource
{
    /// <summary><c>GET /api/builds/{id}</c> with the function key: what <c>orbit build</c> polls. The host forwards it to the worker, whose Durable client asks the host's extension over gRPC.</summary>
    BuildEndpoint,

    /// <summary>The <c>statusQueryGetUri</c> the start returned (Durable's HTTP API, with the system key as code=): answered by the host's Durable extension alone.</summary>
    StatusUrl,
}
