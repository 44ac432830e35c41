using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Orbit.Functions.Http;

/// <summary>
/// Answers an HTTP function's refusal (<see cref="ProblemException"/>, or a failure a feature's <see cref="ProblemMap"/>
/// knows) with RFC 7807 problem details, and nothing else happens. An unknown failure becomes a 500 problem without
/// its details, which go to the log; the caller learns the invocation id to quote.
/// </summary>
public sealed class ProblemDetailsMiddleware(IEnumerable<ProblemMap> maps, ILogger<ProblemDetailsMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (Exception exception) when (!http.Response.HasStarted)
        {
            var failure = exception is AggregateException { InnerExceptions.Count: 1 } single ? single.InnerException! : exception;
            var problem = failure as ProblemException ?? maps.Select(map => map(failure)).FirstOrDefault(mapped => mapped is not null);
            if (problem is null)
            {
                logger.LogError(failure, "Function {Function} (invocation {InvocationId}) failed.", context.FunctionDefinition.Name, context.InvocationId);
                problem = new ProblemException(500, "Internal server error", $"The function failed; quote invocation {context.InvocationId} when you report it.");
            }

            await TypedResults.Problem(statusCode: problem.Status, title: problem.Title, detail: problem.Message, extensions: problem.Extensions).ExecuteAsync(http);
        }
    }
}
