using System.Diagnostics;
using Microsoft.Azure.WebJobs;
using Orbit.LocalHost.Http;
using Orbit.LocalHost.Rpc;

namespace Orbit.LocalHost.Functions;

/// <summary>
/// Invokes a function in the worker with what WebJobs bound for it: an <see cref="InvocationRequest"/> with one input per
/// binding and the trigger's binding data as trigger metadata (as the Functions host sends them), then the worker's
/// return value back to WebJobs. An HTTP function's request is forwarded to the worker's own HTTP server alongside the
/// invocation, correlated by the invocation id, so the worker answers the caller directly.
/// </summary>
public sealed class WorkerFunctionInvoker(WorkerChannel channel, IReadOnlyDictionary<string, WorkerFunction> functions, HttpInvocations http, WorkerHttpForwarder forwarder)
{
    public async Task<object?> InvokeAsync(string functionName, object?[] arguments)
    {
        var function = functions[functionName];
        var inputs = function.Inputs;
        var binder = (Binder)arguments[inputs.Count]!;
        var cancellationToken = (CancellationToken)arguments[inputs.Count + 1]!;
        var request = new InvocationRequest
        {
            InvocationId = Guid.NewGuid().ToString(),
            FunctionId = function.FunctionId,
            TraceContext = new RpcTraceContext { TraceParent = Activity.Current?.Id ?? string.Empty, TraceState = Activity.Current?.TraceStateString ?? string.Empty },
            RetryContext = new RetryContext(),
        };

        HttpInvocation? httpInvocation = null;
        for (var index = 0; index < inputs.Count; index++)
        {
            if (BindingParameters.IsHttp(inputs[index]))
            {
                httpInvocation = http.Take((string)arguments[index]!);
                request.InputData.Add(new ParameterBinding { Name = inputs[index].Name, Data = httpInvocation.ToRpc() });
                foreach (var (name, value) in httpInvocation.RouteValues)
                {
                    request.TriggerMetadata[name] = new TypedData { String = value };
                }
            }
            else
            {
                request.InputData.Add(new ParameterBinding { Name = inputs[index].Name, Data = TypedDataConverter.ToRpc(arguments[index]) });
            }
        }

        foreach (var (name, value) in binder.BindingData)
        {
            if (value is not null && !request.TriggerMetadata.ContainsKey(name))
            {
                request.TriggerMetadata[name] = TypedDataConverter.ToRpc(value);
            }
        }

        // The request goes to the worker's HTTP server first, so the worker finds it when the invocation arrives.
        var forwarding = httpInvocation is null ? null : forwarder.ForwardAsync(httpInvocation.Context, request.InvocationId);
        var response = await channel.InvokeAsync(request, cancellationToken);
        if (forwarding is not null)
        {
            await forwarding;
        }

        if (response.Result?.Status != StatusResult.Types.Status.Success)
        {
            throw new WorkerFunctionException(functionName, response.Result?.Exception?.Type, response.Result?.Exception?.Message ?? response.Result?.Result ?? "no reason given");
        }

        return TypedDataConverter.FromRpc(response.ReturnValue);
    }
}
