using Microsoft.Extensions.Options;

namespace Orbit.Functions.Dashboard;

/// <summary>Stops the worker's start with every problem of the <c>Dashboard</c> settings, named.</summary>
public sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options) =>
        options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
