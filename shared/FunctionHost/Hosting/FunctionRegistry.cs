using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orbit.FunctionHost.Http;
using Orbit.FunctionHost.Queues;
using Orbit.FunctionHost.ServiceBus;
using Orbit.FunctionHost.Timers;

namespace Orbit.FunctionHost.Hosting;

/// <summary>
/// The one place a function app lists its functions and their triggers, the way the attributes of
/// an isolated-worker app would. Each function class is created per invocation from a DI scope.
/// </summary>
public sealed class FunctionRegistry(IServiceCollection services)
{
    private readonly HashSet<string> names = new(StringComparer.OrdinalIgnoreCase);

    internal List<HttpFunctionRegistration> HttpFunctions { get; } = [];

    internal List<QueueFunctionRegistration> QueueFunctions { get; } = [];

    internal List<TimerFunctionRegistration> TimerFunctions { get; } = [];

    internal List<ServiceBusFunctionRegistration> ServiceBusFunctions { get; } = [];

    private List<Func<Exception, ProblemException?>> ProblemMaps { get; } = [];

    /// <summary>
    /// How the app's own failures become problem details for every HTTP function: <paramref name="map"/>
    /// returns the problem for an exception it recognises, else null (which leaves it a 500).
    /// </summary>
    public FunctionRegistry MapProblems(Func<Exception, ProblemException?> map)
    {
        ProblemMaps.Add(map);
        return this;
    }

    /// <summary>
    /// An HTTP trigger at <c>/api/{route}</c>, or at the route itself when it starts with <c>/</c>; the route
    /// takes ASP.NET Core route templates (<c>items/{id}</c>).
    /// </summary>
    public FunctionRegistry Http<TFunction>(string name, AuthorizationLevel level, string route, params string[] methods)
        where TFunction : class, IHttpFunction
    {
        Claim(name);
        if (methods.Length == 0)
        {
            throw new ArgumentException($"Function '{name}' needs at least one HTTP method.", nameof(methods));
        }

        services.TryAddScoped<TFunction>();
        HttpFunctions.Add(new HttpFunctionRegistration(name, level, route.StartsWith('/') ? $"/{route.Trim('/')}" : route.Trim('/'), methods.Select(m => m.ToUpperInvariant()).ToList(), typeof(TFunction)));
        return this;
    }

    /// <summary>A queue trigger; <paramref name="queueName"/> may be a <c>%Setting%</c> expression.</summary>
    public FunctionRegistry Queue<TFunction, TMessage>(string name, string queueName)
        where TFunction : class, IQueueFunction<TMessage>
    {
        Claim(name);
        services.TryAddScoped<TFunction>();
        QueueFunctions.Add(QueueFunctionRegistration.For<TFunction, TMessage>(name, queueName));
        return this;
    }

    /// <summary>
    /// A Service Bus trigger on <c>ServiceBus:Connection</c>; <paramref name="entity"/> (a queue or
    /// <c>topic/Subscriptions/sub</c>, may be a <c>%Setting%</c> expression) defaults to <c>ServiceBus:Entity</c>.
    /// </summary>
    public FunctionRegistry ServiceBus<TFunction>(string name, string entity = ServiceBusFunctionRegistration.DefaultEntity)
        where TFunction : class, IServiceBusFunction
    {
        Claim(name);
        services.TryAddScoped<TFunction>();
        ServiceBusFunctions.Add(ServiceBusFunctionRegistration.For<TFunction>(name, entity));
        return this;
    }

    /// <summary>A timer trigger on a six-field cron <paramref name="schedule"/> (may be a <c>%Setting%</c> expression).</summary>
    public FunctionRegistry Timer<TFunction>(string name, string schedule, bool runOnStartup = false)
        where TFunction : class, ITimerFunction
    {
        Claim(name);
        services.TryAddScoped<TFunction>();
        TimerFunctions.Add(TimerFunctionRegistration.For<TFunction>(name, schedule, runOnStartup));
        return this;
    }

    internal ProblemException? ProblemFor(Exception exception) =>
        exception as ProblemException ?? ProblemMaps.Select(map => map(exception)).FirstOrDefault(problem => problem is not null);

    private void Claim(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || !names.Add(name))
        {
            throw new ArgumentException($"Function names must be non-empty and unique; '{name}' is not.", nameof(name));
        }
    }
}
