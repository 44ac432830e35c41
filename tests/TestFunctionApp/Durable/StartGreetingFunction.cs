using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Orbit.TestFunctionApp.Durable;

/// <summary><c>POST /api/greetings</c> (function level): starts a greeting and answers 202 with the Durable management URLs, as Azure returns them.</summary>
public sealed class StartGreetingFunction
{
    [Function("StartGreeting")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "greetings")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        var greeting = await request.ReadFromJsonAsync<GreetingRequest>(cancellationToken);
        if (greeting is not { Name.Length: > 0 })
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "A greeting needs a name", detail: "Send {\"name\": \"...\"}.");
        }

        var instanceId = await client.ScheduleNewOrchestrationInstanceAsync(GreetingOrchestrator.Name, greeting, cancellationToken);
        var payload = client.CreateHttpManagementPayload(instanceId, await context.GetHttpRequestDataAsync());
        return Results.Accepted(payload.StatusQueryGetUri, payload);
    }
}
