namespace Orbit.Benchmarks;

/// <summary>The lower bounds of a benchmark's whole-number options, checked in the order given.</summary>
internal static class OptionBounds
{
    /// <summary>
    /// Refuses the first option below its least value, naming it as the parameter: Program.cs reports such a refusal in
    /// one line instead of a stack trace.
    /// </summary>
    public static void AtLeast(params (string Name, int Value, int Least)[] options)
    {
        foreach (var (name, value, least) in options)
        {
            if (value < least)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least {least}.");
            }
        }
    }
}
