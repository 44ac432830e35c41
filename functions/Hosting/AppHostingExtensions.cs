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
    /// What every feature of the app stands on: host.json as configuration, the storage account (AzureWebJobsStorage),
    /// one set of JSON rules for triggers, orchestrations and queue messages, problem details for HTTP refusals, and the
    /// health check.
    /// </summary>
    public static FunctionsApplicationBuilder AddAppHosting(this FunctionsApplicationBuilder builder)
    {
        builder.Configuration.AddHostJson();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddStorageAccount(builder.Configuration);
        builder.Services.Configure<WorkerOptions>(worker => worker.Serializer = new JsonObjectSerializer(AppJson.Options));
        builder.Services.TryAddSingleton<ListenerStates>();
        builder.Services.AddSingleton<AppHealth>();
        builder.UseMiddleware<ProblemDetailsMiddleware>();
        return builder;
    }
}
