namespace Orbit.Testing;

/// <summary>
/// The registry's notification endpoint: its manifest push and delete events are POSTed to <paramref name="Url"/> with the
/// function key. Blob uploads and pulls are not sent, as <c>scripts/run</c> configures it: the service skips them, and
/// Distribution posts one event at a time, so each would hold back the manifest events behind it.
/// </summary>
public sealed record RegistryNotifications(Uri Url, string FunctionKey)
{
    public string ToYaml() => $"""
        notifications:
          endpoints:
            - name: orbit
              url: {Url}
              headers:
                x-functions-key: [{FunctionKey}]
              timeout: 2s
              threshold: 3
              backoff: 1s
              ignore:
                mediatypes: [application/octet-stream]
                actions: [pull]
        """;
}
