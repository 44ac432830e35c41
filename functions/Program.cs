using Orbit.FunctionHost.Health;
using Orbit.FunctionHost.Hosting;
using Orbit.FunctionHost.Http;

var builder = WebApplication.CreateBuilder(args).AddFunctionHost(functions => functions
    .Http<HealthFunction>("Health", AuthorizationLevel.Anonymous, "health", "GET"));

var app = builder.Build();
app.MapFunctions();
app.Run();
