using Microsoft.Extensions.Options;

namespace Orbit.FunctionHost.Queues;

internal sealed class QueuesOptionsValidator : IValidateOptions<QueuesOptions>
{
    public ValidateOptionsResult Validate(string? name, QueuesOptions options)
    {
        var problems = options.Validate().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
