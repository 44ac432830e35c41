using Microsoft.Azure.Functions.Worker.Builder;
using Orbit.ServiceBus;
using Orbit.Storage;
using Orbit.TestFunctionApp.Recording;
using Orbit.TestFunctionApp.ServiceBus;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddStorageAccount(builder.Configuration);
builder.Services.AddSingleton<ResultsTable>();
builder.Services.AddSingleton<ListenerStates>();
builder.AddBusRecord();
builder.Build().Run();
