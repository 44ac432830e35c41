using System.Diagnostics;
using System.Net;
using Orbit.Registry.References;

namespace Orbit.Registry.Telemetry;

/// <summary>
/// The registry client's spans, on the <see cref="System.Diagnostics"/> API only: whoever hosts the client (the function
/// app's OpenTelemetry, a test's listener) subscribes to <see cref="SourceName"/>; with no subscriber a span costs nothing.
/// One span per registry request, over its retries: the operation, the HTTP method, the repository and the status code.
/// Never the URL: an upload's location carries the registry's signed state in its query, and no header is read.
/// </summary>
public static class RegistryTelemetry
{
    public const string SourceName = "Orbit.Registry";

    /// <summary>The span's name starts with this, then the operation: <c>registry DELETE manifest</c>.</summary>
    public const string SpanPrefix = "registry ";

    public const string OperationAttribute = "orbit.registry.operation";
    public const string RepositoryAttribute = "orbit.registry.repository";
    public const string MethodAttribute = "http.request.method";
    public const string StatusCodeAttribute = "http.response.status_code";
    public const string ServerAddressAttribute = "server.address";
    public const string ErrorTypeAttribute = "error.type";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>A client span for one request, or null when nobody listens.</summary>
    internal static Activity? StartRequest(string operation, HttpMethod method, RepositoryName? repository, Uri? registry)
    {
        var activity = Source.StartActivity(SpanPrefix + operation, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(OperationAttribute, operation);
            activity.SetTag(MethodAttribute, method.Method);
            activity.SetTag(RepositoryAttribute, repository?.Value);

            // The host only: a registry URL never carries credentials in this app, but its path and query are not ours to copy.
            activity.SetTag(ServerAddressAttribute, registry?.Host);
        }

        return activity;
    }

    /// <summary>The registry's answer. 404 is an answer the client turns into null or false, not a failure.</summary>
    internal static void Answered(Activity? activity, HttpStatusCode status)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(StatusCodeAttribute, (int)status);
        if ((int)status >= 400 && status != HttpStatusCode.NotFound)
        {
            activity.SetTag(ErrorTypeAttribute, ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture));
            activity.SetStatus(ActivityStatusCode.Error);
        }
    }

    /// <summary>No answer: a timeout, a refused connection, an open circuit. The type only; its message may quote a URL.</summary>
    internal static void Failed(Activity? activity, Exception exception)
    {
        activity?.SetTag(ErrorTypeAttribute, exception.GetType().FullName);
        activity?.SetStatus(ActivityStatusCode.Error);
    }
}
