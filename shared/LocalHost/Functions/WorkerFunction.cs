using Orbit.LocalHost.Rpc;

namespace Orbit.LocalHost.Functions;

/// <summary>A function of the app, as the worker indexed it: its name, the id the host gave it, its bindings.</summary>
public sealed record WorkerFunction(string Name, string FunctionId, IReadOnlyList<WorkerBinding> Bindings, RpcFunctionMetadata Metadata)
{
    public WorkerBinding Trigger =>
        Bindings.SingleOrDefault(binding => binding.IsTrigger && binding.IsInput)
        ?? throw new InvalidDataException($"Function {Name} has no trigger binding; every function needs exactly one.");

    /// <summary>The input bindings, trigger included, in the order the worker declared them.</summary>
    public IReadOnlyList<WorkerBinding> Inputs => Bindings.Where(binding => binding.IsInput).ToList();

    /// <summary>Reads the worker's metadata, giving the function an id when the worker did not, and filling in the typed
    /// bindings from the raw ones: the worker reads those at load time.</summary>
    public static WorkerFunction From(RpcFunctionMetadata metadata)
    {
        if (string.IsNullOrEmpty(metadata.FunctionId))
        {
            metadata.FunctionId = Guid.NewGuid().ToString();
        }

        var bindings = metadata.RawBindings.Select(WorkerBinding.Parse).ToList();
        foreach (var binding in bindings)
        {
            metadata.Bindings[binding.Name] = new BindingInfo
            {
                Type = binding.Type,
                Direction = binding.IsInput ? BindingInfo.Types.Direction.In : BindingInfo.Types.Direction.Out,
                DataType = binding.Get("dataType") switch
                {
                    { } type when type.Equals("string", StringComparison.OrdinalIgnoreCase) => BindingInfo.Types.DataType.String,
                    { } type when type.Equals("binary", StringComparison.OrdinalIgnoreCase) => BindingInfo.Types.DataType.Binary,
                    { } type when type.Equals("stream", StringComparison.OrdinalIgnoreCase) => BindingInfo.Types.DataType.Stream,
                    _ => BindingInfo.Types.DataType.Undefined,
                },
            };
        }

        return new WorkerFunction(metadata.Name, metadata.FunctionId, bindings, metadata);
    }
}
