using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orbit.Functions.Health;
using Orbit.Functions.Http;
using Orbit.ServiceBus;
using Orbit.Storage;

namespace Orbit.Functions.Hosting;

public static class AppHostingExtensions
{
    /// <summary>
    /// What every feature of the app stands on: host.json as configuration (its log levels for the worker's logs too), the storage account (AzureWebJobsStorage),
    /// one set of JSON rules for triggers, orchestrations and queue messages, problem details for HTTP refusals, and the
    /// health check.
    /// </summary>
    public static FunctionsApplicationBuilder AddAppHosting(this FunctionsApplicationBuilder builder)
    {
        builder.Configuration.AddHostJson();
        // host.json's log levels filter the worker's logs here, where they are written: the host would drop the same lines
        // (it applies them to what the worker sends), after each had been sent over the worker's gRPC stream.
        builder.Logging.AddConfiguration(builder.Configuration.GetSection($"{HostJsonConfiguration.Section}:logging"));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddStorageAccount(builder.Configuration);
        builder.Services.Configure<WorkerOptions>(worker => worker.Serializer = new JsonObjectSerializer(AppJson.Options));
        builder.Services.TryAddSingleton<ListenerStates>();
        builder.Services.AddSingleton<AppHealth>();
        builder.UseMiddleware<ProblemDetailsMiddleware>();
        return builder;
    }
}
