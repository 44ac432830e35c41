using System.Reflection;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.DurableTask;
using Orbit.LocalHost.Functions;

namespace Orbit.LocalHost.Tests.Functions;

/// <summary>What WebJobs indexes for the worker's functions: the generated methods and the binding attributes on their parameters.</summary>
public sealed class FunctionTypeGeneratorTests
{
    private static readonly Type Generated = FunctionTypeGenerator.Generate(FunctionsMetadataFile.Read(TestAppPaths.ScriptRoot).Select(WorkerFunction.From));

    [Fact]
    public void Every_function_of_the_app_is_a_static_method_named_for_it_with_WebJobs_binder_and_cancellation_last()
    {
        var methods = Generated.GetMethods(BindingFlags.Public | BindingFlags.Static).ToDictionary(method => method.Name);

        Assert.Equal(17, methods.Count);
        foreach (var (name, method) in methods)
        {
            Assert.Equal(name, method.GetCustomAttribute<FunctionNameAttribute>()?.Name);
            var parameters = method.GetParameters();
            Assert.Equal((typeof(Microsoft.Azure.WebJobs.Binder), FunctionTypeGenerator.BinderParameter), (parameters[^2].ParameterType, parameters[^2].Name));
            Assert.Equal((typeof(CancellationToken), FunctionTypeGenerator.CancellationParameter), (parameters[^1].ParameterType, parameters[^1].Name));
        }
    }

    [Fact]
    public void A_queue_trigger_keeps_its_queue_name_expression_for_WebJobs_to_resolve_from_the_app_settings()
    {
        var trigger = Parameter("Record", "body").GetCustomAttribute<QueueTriggerAttribute>();

        Assert.Equal("%RecordQueue%", trigger?.QueueName);
        Assert.Equal(typeof(string), Parameter("Record", "body").ParameterType);
    }

    [Fact]
    public void A_timer_trigger_carries_its_schedule_RunOnStartup_and_the_schedule_monitor_on_by_default()
    {
        var tick = Parameter("Tick", "timer").GetCustomAttribute<TimerTriggerAttribute>()!;
        var startup = Parameter("StartupTick", "timer").GetCustomAttribute<TimerTriggerAttribute>()!;

        Assert.Equal(("%TickSchedule%", false, true), (tick.ScheduleExpression, tick.RunOnStartup, tick.UseMonitor));
        Assert.True(startup.RunOnStartup);
        Assert.Equal(typeof(TimerInfo), Parameter("Tick", "timer").ParameterType);
    }

    [Fact]
    public void The_Durable_triggers_and_client_are_bound_by_the_Durable_extension_and_only_they_return_to_their_trigger()
    {
        Assert.Equal("Greeting", Parameter("Greeting", "context").GetCustomAttribute<OrchestrationTriggerAttribute>()?.Orchestration);
        Assert.Equal("Greet", Parameter("Greet", "name").GetCustomAttribute<ActivityTriggerAttribute>()?.Activity);
        Assert.NotNull(Parameter("StartGreeting", "client").GetCustomAttribute<DurableClientAttribute>());
        Assert.Equal(typeof(Task<object>), Method("Greeting").ReturnType);
        Assert.Equal(typeof(Task<object>), Method("Greet").ReturnType);
        Assert.Equal(typeof(Task), Method("Record").ReturnType);
    }

    [Fact]
    public void An_HTTP_function_is_called_by_the_host_front_and_has_no_listener_of_its_own()
    {
        Assert.NotNull(Method("Echo").GetCustomAttribute<NoAutomaticTriggerAttribute>());
        Assert.Null(Method("Record").GetCustomAttribute<NoAutomaticTriggerAttribute>());
        Assert.Empty(Parameter("Echo", "request").GetCustomAttributes());
    }

    [Fact]
    public void A_binding_type_the_host_does_not_serve_is_refused_at_start_naming_the_function_and_the_binding()
    {
        var function = WorkerFunctions.Declare("TenantEvents", """{ "name": "message", "type": "serviceBusTrigger", "direction": "In", "queueName": "tenants" }""");

        var error = Assert.Throws<NotSupportedException>(() => FunctionTypeGenerator.Generate([function]));

        Assert.Contains("TenantEvents", error.Message);
        Assert.Contains("serviceBusTrigger", error.Message);
    }

    [Theory]
    [InlineData("""{ "name": "body", "type": "queueTrigger" }""", "queueName")]
    [InlineData("""{ "name": "timer", "type": "timerTrigger", "schedule": "" }""", "schedule")]
    public void A_trigger_without_what_it_listens_to_is_refused_naming_the_function(string binding, string property)
    {
        var error = Assert.Throws<InvalidDataException>(() => FunctionTypeGenerator.Generate([WorkerFunctions.Declare("Broken", binding)]));

        Assert.Contains("Broken", error.Message);
        Assert.Contains(property, error.Message);
    }

    private static MethodInfo Method(string function) => Generated.GetMethod(function) ?? throw new InvalidOperationException($"No method {function}.");

    private static ParameterInfo Parameter(string function, string name) => Method(function).GetParameters().Single(parameter => parameter.Name == name);
}
