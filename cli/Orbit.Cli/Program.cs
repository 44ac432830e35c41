using Orbit.Cli;

using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupted.Cancel();
};

return await OrbitCommandLine.RunAsync(args, Environment.GetEnvironmentVariable, TimeProvider.System, interrupted.Token);
