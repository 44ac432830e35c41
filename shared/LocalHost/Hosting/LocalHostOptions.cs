namespace Orbit.LocalHost.Hosting;

/// <summary>What <c>start</c> was asked to run: the app's folder (its build or publish output) and the HTTP port.</summary>
public sealed record LocalHostOptions(string ScriptRoot, int Port);
