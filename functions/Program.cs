using Microsoft.Azure.Functions.Worker.Builder;
using Orbit.Functions.Builds;
using Orbit.Functions.Dashboard;
using Orbit.Functions.Hosting;
using Orbit.Functions.Hosts;
using Orbit.Functions.Quota;
using Orbit.Functions.Telemetry;
using Orbit.Functions.Tenants;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.AddAppHosting();
builder.AddTelemetry();
builder.AddQuota();
builder.AddBuilds();
builder.AddTenants();
builder.AddHostQuotas();
builder.AddDashboard();
builder.Build().Run();
