using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orbit.FunctionHost.Configuration;
using Orbit.FunctionHost.Health;
using Orbit.FunctionHost.Http;
using Orbit.FunctionHost.Queues;
using Orbit.FunctionHost.ServiceBus;
using Orbit.FunctionHost.Storage;
using Orbit.FunctionHost.Timers;

namespace Orbit.FunctionHost.Hosting;

public static class FunctionHostExtensions
{
    public const string DefaultUrl = "http://localhost:7071";

    /// <summary>
    /// Makes this ASP.NET Core app a function host: host.json and local.settings.json from the app's
    /// folder, storage from <c>AzureWebJobsStorage</c>, a listener per queue and timer function, and
    /// the default address of the Functions host.
    /// </summary>
    public static WebApplicationBuilder AddFunctionHost(this WebApplicationBuilder builder, Action<FunctionRegistry> registerFunctions)
    {
        var configuration = builder.Configuration;
        configuration.AddFunctionHostFiles(AppContext.BaseDirectory);
        if (string.IsNullOrEmpty(configuration["urls"]) && string.IsNullOrEmpty(configuration["http_ports"]) && string.IsNullOrEmpty(configuration["https_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // host.json's "logging" section sets log levels, as in a Functions app.
        builder.Logging.AddConfiguration(configuration.GetSection($"{FunctionHostConfiguration.HostJsonSection}:logging"));

        var services = builder.Services;
        var registry = new FunctionRegistry(services);
        registerFunctions(registry);
        services.AddSingleton(registry);

        services.AddProblemDetails();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ListenerStates>();
        services.AddSingleton<HostHealth>();
        services.AddSingleton<QueueWakeups>();
        services.AddSingleton<LocalQueueListeners>();
        services.AddSingleton<QueueMessageSender>();
        services.AddSingleton(_ => FunctionKeys.FromConfiguration(configuration));
        services.AddOptions<QueuesOptions>().Bind(configuration.GetSection(QueuesOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<QueuesOptions>, QueuesOptionsValidator>();
        services.AddSingleton(_ => StorageAccount.FromConfiguration(configuration));
        services.AddSingleton(provider => provider.GetRequiredService<StorageAccount>()
            .CreateQueueServiceClient(provider.GetRequiredService<IOptions<QueuesOptions>>().Value.MessageEncoding));
        services.AddSingleton(provider => provider.GetRequiredService<StorageAccount>().CreateBlobServiceClient());
        services.AddSingleton(provider => provider.GetRequiredService<StorageAccount>().CreateTableServiceClient());

        foreach (var function in registry.QueueFunctions)
        {
            services.AddSingleton<IHostedService>(provider => new QueueListener(
                function,
                ResolveQueueName(function, configuration),
                provider.GetRequiredService<QueueServiceClient>(),
                provider.GetRequiredService<IOptions<QueuesOptions>>().Value,
                provider.GetRequiredService<IServiceScopeFactory>(),
                provider.GetRequiredService<ListenerStates>(),
                provider.GetRequiredService<QueueWakeups>(),
                provider.GetRequiredService<LocalQueueListeners>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<QueueListener>>()));
        }

        var hostId = HostId.FromConfiguration(configuration, builder.Environment.ApplicationName);
        if (registry.ServiceBusFunctions.Count > 0)
        {
            AddServiceBusListeners(services, registry, configuration, hostId);
        }

        foreach (var function in registry.TimerFunctions)
        {
            services.AddSingleton<IHostedService>(provider => new TimerListener(
                function,
                TimerSchedule.Parse(AppSettingExpression.Resolve(function.Schedule, configuration)),
                hostId,
                provider.GetRequiredService<BlobServiceClient>(),
                provider.GetRequiredService<IServiceScopeFactory>(),
                provider.GetRequiredService<ListenerStates>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<TimerListener>>()));
        }

        return builder;
    }

    /// <summary>Serves every HTTP function at its path behind its key check, with problem-details errors.</summary>
    public static WebApplication MapFunctions(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        var registry = app.Services.GetRequiredService<FunctionRegistry>();
        var keys = app.Services.GetRequiredService<FunctionKeys>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Orbit.FunctionHost");
        foreach (var function in registry.HttpFunctions)
        {
            var functionType = function.FunctionType;
            Func<HttpContext, Task<IResult>> invoke = async context =>
            {
                try
                {
                    return await ((IHttpFunction)context.RequestServices.GetRequiredService(functionType)).RunAsync(context.Request, context.RequestAborted);
                }
                catch (Exception exception) when (registry.ProblemFor(exception) is { } problem)
                {
                    return TypedResults.Problem(statusCode: problem.Status, title: problem.Title, detail: problem.Message, extensions: problem.Extensions);
                }
            };
            app.MapMethods(function.Path, function.Methods, (Delegate)invoke)
                .AddEndpointFilter(new FunctionKeyFilter(function.Level, keys))
                .WithName(function.FunctionName);
            logger.LogInformation("Function {Name}: [{Methods}] {Path} ({Level})", function.FunctionName, string.Join(",", function.Methods), function.Path, function.Level);
        }

        foreach (var function in registry.QueueFunctions)
        {
            logger.LogInformation("Function {Name}: queue {Queue}", function.FunctionName, function.QueueName);
        }

        foreach (var function in registry.TimerFunctions)
        {
            logger.LogInformation("Function {Name}: timer {Schedule}", function.FunctionName, function.Schedule);
        }

        foreach (var function in registry.ServiceBusFunctions)
        {
            logger.LogInformation("Function {Name}: service bus {Entity}", function.FunctionName, function.Entity);
        }

        return app;
    }

    private static void AddServiceBusListeners(IServiceCollection services, FunctionRegistry registry, IConfiguration configuration, string hostId)
    {
        services.AddOptions<ServiceBusOptions>().Bind(configuration.GetSection(ServiceBusOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ServiceBusOptions>, ServiceBusOptionsValidator>();
        foreach (var function in registry.ServiceBusFunctions)
        {
            var entity = ResolveServiceBusEntity(function, configuration);
            services.AddSingleton<IHostedService>(provider =>
            {
                var options = provider.GetRequiredService<IOptions<ServiceBusOptions>>().Value;
                var connection = ServiceBusConnection.Parse(options.Connection);
                var profile = BrokerProfile.For(options.Profile ?? connection.InferredBroker);
                _ = SourceAddressOrThrow(function, profile, entity);
                var table = provider.GetRequiredService<Azure.Data.Tables.TableServiceClient>().GetTableClient(options.AttemptsTable);
                return new ServiceBusListener(
                    function,
                    entity,
                    connection,
                    profile,
                    options,
                    new DeliveryAttempts(table, entity.Path),
                    hostId,
                    provider.GetRequiredService<IServiceScopeFactory>(),
                    provider.GetRequiredService<ListenerStates>(),
                    provider.GetRequiredService<TimeProvider>(),
                    provider.GetRequiredService<ILogger<ServiceBusListener>>());
            });
        }
    }

    private static ServiceBusEntity ResolveServiceBusEntity(ServiceBusFunctionRegistration function, IConfiguration configuration)
    {
        try
        {
            return ServiceBusEntity.Parse(AppSettingExpression.Resolve(function.Entity, configuration));
        }
        catch (Exception exception) when (exception is FormatException or InvalidOperationException)
        {
            throw new InvalidOperationException($"Function {function.FunctionName}: {exception.Message}", exception);
        }
    }

    private static string SourceAddressOrThrow(ServiceBusFunctionRegistration function, BrokerProfile profile, ServiceBusEntity entity)
    {
        try
        {
            return profile.SourceAddress(entity);
        }
        catch (FormatException exception)
        {
            throw new InvalidOperationException($"Function {function.FunctionName}: {exception.Message}", exception);
        }
    }

    private static string ResolveQueueName(QueueFunctionRegistration function, IConfiguration configuration)
    {
        var name = AppSettingExpression.Resolve(function.QueueName, configuration);
        return QueueNames.IsValid(name) && QueueNames.IsValid(QueueNames.Poison(name))
            ? name
            : throw new InvalidOperationException(
                $"Function {function.FunctionName}: '{name}' is not a usable queue name: 3–56 lowercase letters, digits and single hyphens, so that '{QueueNames.Poison(name)}' is valid too.");
    }
}
