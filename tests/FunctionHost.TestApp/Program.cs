using Orbit.FunctionHost.Health;
using Orbit.FunctionHost.Hosting;
using Orbit.FunctionHost.Http;
using Orbit.FunctionHost.TestApp;

var builder = WebApplication.CreateBuilder(args).AddFunctionHost(functions =>
{
    functions
        .Http<HealthFunction>("Health", AuthorizationLevel.Anonymous, "health", "GET")
        .Http<EchoFunction>("Echo", AuthorizationLevel.Function, "echo", "GET")
        .Http<EchoFunction>("AdminEcho", AuthorizationLevel.Admin, "admin/echo", "GET");

    // Each test turns on only the triggers it needs, by setting their queue or schedule.
    if (Environment.GetEnvironmentVariable("RecordQueue") is not null)
    {
        functions.Queue<RecordFunction, WorkItem>("Record", "%RecordQueue%");
    }

    if (Environment.GetEnvironmentVariable("NoOpQueue") is not null)
    {
        functions.Queue<NoOpFunction, WorkItem>("NoOp", "%NoOpQueue%");
    }

    if (Environment.GetEnvironmentVariable("FailQueue") is not null)
    {
        functions.Queue<AlwaysFailsFunction, WorkItem>("AlwaysFails", "%FailQueue%");
    }

    if (Environment.GetEnvironmentVariable("ServiceBus__Entity") is not null)
    {
        if (Environment.GetEnvironmentVariable("BusHandler") == "tally")
        {
            functions.ServiceBus<BusTallyFunction>("BusTally");
        }
        else
        {
            functions.ServiceBus<BusRecordFunction>("BusRecord");
        }
    }

    if (Environment.GetEnvironmentVariable("TickSchedule") is not null)
    {
        functions.Timer<TickFunction>("Tick", "%TickSchedule%", runOnStartup: Environment.GetEnvironmentVariable("TickRunOnStartup") == "true");
    }

    if (Environment.GetEnvironmentVariable("FailingTickSchedule") is not null)
    {
        functions.Timer<FailingTickFunction>("FailingTick", "%FailingTickSchedule%");
    }
});
builder.Services.AddSingleton<ResultsTable>();

var app = builder.Build();
app.MapFunctions();
app.Run();
