namespace Orbit.Infra.Tests.Arm;

/// <summary>A function call: <c>name(arguments…)</c>.</summary>
public sealed record ArmCall(string Name, IReadOnlyList<ArmExpression> Arguments) : ArmExpression
{
    public bool Is(string name) => string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>The argument at <paramref name="index"/> when it is a string literal.</summary>
    public string? StringArgument(int index) => index < Arguments.Count && Arguments[index] is ArmString text ? text.Value : null;

    protected override IEnumerable<ArmExpression> Children() => Arguments;

    // Two calls are equal when they call the same function with equal arguments (a record compares the list by reference).
    public bool Equals(ArmCall? other) =>
        other is not null && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase) && Arguments.SequenceEqual(other.Arguments);

    public override int GetHashCode() => HashCode.Combine(Name.ToUpperInvariant(), Arguments.Count);

    public override string ToString() => $"{Name}({string.Join(", ", Arguments)})";
}
