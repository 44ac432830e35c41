using System.Runtime.InteropServices;
using Orbit.Cli;

// Ctrl-C or a pipeline's SIGTERM cancels the command. A POSIX signal registration rather than Console.CancelKeyPress,
// which initialises the terminal and writes keypad escape sequences into plain CI logs.
using var interrupted = new CancellationTokenSource();
void Interrupt(PosixSignalContext signal)
{
    signal.Cancel = true;
    interrupted.Cancel();
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
return await OrbitCommandLine.RunAsync(args, Environment.GetEnvironmentVariable, TimeProvider.System, interrupted.Token);
