using Microsoft.Azure.Functions.Worker;

namespace Orbit.TestFunctionApp.Durable;

/// <summary>Activity: the square of its input, and nothing else.</summary>
public sealed class SquareActivity
{
    public const string Name = "Square";

    [Function(Name)]
    public long Run([ActivityTrigger] int number) => (long)number * number;
}
