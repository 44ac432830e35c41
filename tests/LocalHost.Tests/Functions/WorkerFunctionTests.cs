using Orbit.LocalHost.Functions;
using Orbit.LocalHost.Rpc;

namespace Orbit.LocalHost.Tests.Functions;

public sealed class WorkerFunctionTests
{
    [Fact]
    public void A_function_gets_an_id_when_the_worker_gave_none_and_keeps_the_one_it_gave()
    {
        var generated = WorkerFunctions.Declare("Echo", Http);
        var metadata = new RpcFunctionMetadata { Name = "Echo", FunctionId = "id-from-worker" };
        metadata.RawBindings.Add(Http);
        var given = WorkerFunction.From(metadata);

        Assert.True(Guid.TryParse(generated.FunctionId, out _));
        Assert.Equal(generated.FunctionId, generated.Metadata.FunctionId);
        Assert.Equal("id-from-worker", given.FunctionId);
    }

    [Fact]
    public void The_typed_bindings_the_worker_reads_at_load_are_filled_from_the_raw_ones()
    {
        var function = WorkerFunctions.Declare(
            "Record",
            """{ "name": "body", "type": "queueTrigger", "direction": "In", "dataType": "String", "queueName": "q" }""",
            """{ "name": "payload", "type": "blob", "direction": "In", "dataType": "Binary" }""",
            """{ "name": "$return", "type": "queue", "direction": "Out" }""");

        var bindings = function.Metadata.Bindings;
        Assert.Equal(("queueTrigger", BindingInfo.Types.Direction.In, BindingInfo.Types.DataType.String), (bindings["body"].Type, bindings["body"].Direction, bindings["body"].DataType));
        Assert.Equal(BindingInfo.Types.DataType.Binary, bindings["payload"].DataType);
        Assert.Equal((BindingInfo.Types.Direction.Out, BindingInfo.Types.DataType.Undefined), (bindings["$return"].Direction, bindings["$return"].DataType));
        Assert.Equal("body", function.Trigger.Name);
        Assert.Equal(["body", "payload"], function.Inputs.Select(binding => binding.Name));
    }

    [Fact]
    public void A_function_without_a_trigger_is_refused_by_name_when_its_trigger_is_asked_for()
    {
        var function = WorkerFunctions.Declare("Orphan", """{ "name": "client", "type": "durableClient", "direction": "In" }""");

        var error = Assert.Throws<InvalidDataException>(() => function.Trigger);

        Assert.Contains("Orphan", error.Message);
    }

    private const string Http = """{ "name": "req", "type": "httpTrigger", "direction": "In", "methods": ["get"] }""";
}
