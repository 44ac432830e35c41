using System.Net;

namespace Orbit.Registry.Client;

/// <summary>The registry answered with an error we cannot treat as an answer; the message carries its own error codes.</summary>
public sealed class RegistryException(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
}
