namespace Orbit.Orchestrations.Http;

/// <summary>The management API's paths, as Durable Functions lays them out.</summary>
public static class ManagementRoutes
{
    public const string Prefix = "/runtime/webhooks/durabletask";

    public const string Start = Prefix + "/orchestrators/{functionName}/{instanceId?}";

    public const string Instances = Prefix + "/instances";

    public const string Instance = Instances + "/{instanceId}";

    public const string RaiseEvent = Instance + "/raiseEvent/{eventName}";

    public const string Terminate = Instance + "/terminate";

    public const string ContinuationHeader = "x-ms-continuation-token";
}
