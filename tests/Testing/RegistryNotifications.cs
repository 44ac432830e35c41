namespace Orbit.Testing;

/// <summary>The registry's notification endpoint: its push and delete events are POSTed to <paramref name="Url"/> with the function key.</summary>
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
        """;
}
