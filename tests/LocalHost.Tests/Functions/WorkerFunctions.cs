using Orbit.LocalHost.Functions;
using Orbit.LocalHost.Rpc;

namespace Orbit.LocalHost.Tests.Functions;

/// <summary>Functions as a worker would declare them, for the tests of what the host makes of them.</summary>
internal static class WorkerFunctions
{
    public static WorkerFunction Declare(string name, params string[] rawBindings)
    {
        var metadata = new RpcFunctionMetadata { Name = name };
        metadata.RawBindings.AddRange(rawBindings);
        return WorkerFunction.From(metadata);
    }
}
