using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Orbit.LocalHost.Configuration;
using Orbit.LocalHost.Http;
using Orbit.LocalHost.Keys;
using Orbit.LocalHost.Rpc;

namespace Orbit.LocalHost.Hosting;

/// <summary>
/// The host's web server: the HTTP functions and the Durable management API on the port asked for, and the gRPC
/// endpoint the worker dials on a free port, both on 127.0.0.1 only.
/// </summary>
public static class LocalHostServer
{
    public static WebApplication Build(LocalHostOptions options, HostSettings settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = options.ScriptRoot, Args = [] });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(settings.Configuration);
        LocalHostLogging.Configure(builder.Logging, settings.Configuration);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Limits.MaxRequestBodySize = 100 * 1024 * 1024;
        });

        var services = builder.Services;
        services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = null;
            grpc.MaxSendMessageSize = null;
        });
        services.AddHttpForwarder();
        services.AddProblemDetails();
        services.AddSingleton(options);
        services.AddSingleton(settings);
        services.AddSingleton(HostKeys.FromConfiguration(settings.Configuration));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<WorkerChannel>();
        services.AddSingleton<HttpInvocations>();
        services.AddSingleton<HttpTriggerEndpoints>();
        services.AddSingleton<HttpTriggerHandler>();
        services.AddSingleton<DurableWebhookHandler>();
        services.AddSingleton<HostState>();
        services.AddSingleton<FunctionsRuntime>();
        services.AddHostedService(provider => provider.GetRequiredService<FunctionsRuntime>());

        var app = builder.Build();
        app.UseStatusCodePages();
        app.Use(async (context, next) =>
        {
            // The worker's gRPC stream is served from the start; everything else waits until the functions are loaded.
            if (!app.Services.GetRequiredService<HostState>().IsRunning && context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true)
            {
                context.Response.Headers.RetryAfter = "1";
                await LocalHostProblems.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "The function host is not running", "The host is starting or stopping; try again in a moment.");
                return;
            }

            await next(context);
        });
        app.UseRouting();
        app.MapGrpcService<FunctionRpcService>();
        app.Map(DurableWebhookHandler.Path + "/{**path}", async (HttpContext context, DurableWebhookHandler handler, FunctionsRuntime runtime) =>
        {
            if (runtime.DurableManagement is not { } durable)
            {
                await LocalHostProblems.WriteAsync(context, StatusCodes.Status404NotFound, "No Durable Functions", "This app has no orchestrations, so there is no Durable management API.");
                return;
            }

            await handler.HandleAsync(context, durable);
        });
        ((IEndpointRouteBuilder)app).DataSources.Add(app.Services.GetRequiredService<HttpTriggerEndpoints>());
        return app;
    }
}
