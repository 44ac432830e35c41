using System.Diagnostics.CodeAnalysis;

namespace Orbit.Registry.References;

/// <summary>A value type of ours that is a validated string: its text, and the one way to make one from text.</summary>
public interface ITextValue<TSelf>
    where TSelf : class, ITextValue<TSelf>
{
    string Value { get; }

    static abstract bool TryParse(string? text, [NotNullWhen(true)] out TSelf? value);
}
