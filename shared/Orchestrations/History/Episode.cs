namespace Orbit.Orchestrations.History;

/// <summary>
/// The history one episode appended: the events it received, the work it scheduled, and how the instance
/// ended if it did. Stored as one history row, committed by the instance row naming its <see cref="Token"/>.
/// </summary>
public sealed record Episode(int Number, string Token, string? PreviousToken, IReadOnlyList<HistoryEvent> Events);
