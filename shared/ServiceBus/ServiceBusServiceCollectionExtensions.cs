using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orbit.ServiceBus;

public static class ServiceBusServiceCollectionExtensions
{
    /// <summary>
    /// Runs <typeparamref name="TFunction"/> for every message of <c>ServiceBus:Entity</c> on <c>ServiceBus:Connection</c>
    /// (AMQP 1.0, peek-lock), in this process, as a hosted listener; the connection is a connection string or AMQP URI, or
    /// the identity-based settings under <c>ServiceBus:Connection</c> (Entra ID). Needs a <see cref="TableServiceClient"/> for the
    /// delivery counts. The settings are validated when the app starts: a missing or malformed entity or connection
    /// stops it with the reason.
    /// </summary>
    public static IServiceCollection AddServiceBusTrigger<TFunction>(this IServiceCollection services, IConfiguration configuration, string functionName)
        where TFunction : class, IServiceBusFunction
    {
        var section = configuration.GetSection(ServiceBusOptions.SectionName);
        services.AddOptions<ServiceBusOptions>()
            .Bind(section)
            .Configure(options =>
            {
                var connection = section.GetSection(nameof(ServiceBusOptions.Connection));
                options.Connection = connection.Value;
                options.ConnectionSettings = connection.GetChildren().ToDictionary(setting => setting.Key, setting => setting.Value, StringComparer.OrdinalIgnoreCase);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ServiceBusOptions>, ServiceBusOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ListenerStates>();
        services.AddScoped<TFunction>();
        var function = ServiceBusFunctionRegistration.For<TFunction>(functionName);
        services.AddSingleton<IHostedService>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<ServiceBusOptions>>().Value;
            var connection = options.ParseConnection();
            var entity = ServiceBusEntity.Parse(options.Entity);
            var profile = BrokerProfile.For(options.Profile ?? connection.InferredBroker);
            _ = profile.SourceAddress(entity);
            var table = provider.GetRequiredService<TableServiceClient>().GetTableClient(options.AttemptsTable);
            return new ServiceBusListener(
                function,
                entity,
                connection,
                (connection.SignIn as EntraIdSignIn)?.CreateCredential(),
                profile,
                options,
                new DeliveryAttempts(table, entity.Path),
                Environment.MachineName,
                provider.GetRequiredService<IServiceScopeFactory>(),
                provider.GetRequiredService<ListenerStates>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<ServiceBusListener>>());
        });
        return services;
    }
}
