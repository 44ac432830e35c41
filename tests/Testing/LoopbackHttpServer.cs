using System.Net;

namespace Orbit.Testing;

/// <summary>
/// An HTTP server on a free 127.0.0.1 port that answers each request, one at a time, with the handler it was given: the
/// listening loop the tests' stand-in endpoints share. Disposing stops it and waits for the request in hand.
/// </summary>
public sealed class LoopbackHttpServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Func<HttpListenerContext, Task> handle;
    private readonly Task serving;

    /// <param name="handle">Answers one request; the server closes nothing for it.</param>
    /// <param name="pathPrefix">The paths served, from the root (<c>/</c>, every path, by default).</param>
    public LoopbackHttpServer(Func<HttpListenerContext, Task> handle, string pathPrefix = "/")
    {
        this.handle = handle;
        Port = FreePort.Next();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}{pathPrefix}");
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}");

    public void Dispose()
    {
        listener.Close();
        serving.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            await handle(context);
        }
    }
}
