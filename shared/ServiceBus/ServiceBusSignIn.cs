namespace Orbit.ServiceBus;

/// <summary>How the listener proves who it is to the broker: with a key or password (<see cref="SharedKeySignIn"/>) or with an
/// Entra ID token (<see cref="EntraIdSignIn"/>). Written out, a sign-in never shows a key, password or token.</summary>
public abstract record ServiceBusSignIn;
