using Orbit.FunctionHost.Health;
using Orbit.FunctionHost.Hosting;
using Orbit.FunctionHost.Http;
using Orbit.Functions.Api;
using Orbit.Functions.Builds;
using Orbit.Functions.Hosts;
using Orbit.Functions.Quota;
using Orbit.Functions.Tenants;
using Orbit.Orchestrations;
using Orbit.Quota;
using Orbit.Tenants;
using Orbit.Tenants.Deletion;

// The app's folder is its root, as in Azure Functions: with the working directory as root, the settings-file
// watcher would watch that whole tree (45,000 inotify watches from /tmp, and every Azurite write under it).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var reconcileSchedule = builder.Configuration["Quota:ReconcileSchedule"] ?? "0 */15 * * * *";
var signaturePurgeSchedule = builder.Configuration["Hosts:SignaturePurgeSchedule"] ?? new HostQuotaOptions().SignaturePurgeSchedule;
var tenantDeletionQueue = builder.Configuration["Tenants:DeletionQueue"] ?? TenantDeletionOptions.DefaultDeletionQueue;
var orphanSweepSchedule = builder.Configuration["Tenants:OrphanSweepSchedule"] ?? TenantDeletionOptions.DefaultOrphanSweepSchedule;
builder.AddFunctionHost(functions =>
{
    functions
        .Http<HealthFunction>("Health", AuthorizationLevel.Anonymous, "health", "GET")
        .Http<GetOpenApiDocumentFunction>("GetOpenApiDocument", AuthorizationLevel.Anonymous, "openapi.json", "GET")
        .Http<GetRegistryUsageFunction>("GetRegistryUsage", AuthorizationLevel.Function, "internal/workspaces/{id}/registry-usage", "GET")
        .Http<ListRegistryImagesFunction>("ListRegistryImages", AuthorizationLevel.Function, "internal/workspaces/{id}/registry-images", "GET")
        .Http<TrackRegistryImageFunction>("TrackRegistryImage", AuthorizationLevel.Function, "internal/registry-images", "POST")
        .Http<DeleteRegistryImageFunction>("DeleteRegistryImage", AuthorizationLevel.Function, "internal/registry-images/{id}", "DELETE")
        .Http<PutWorkspaceQuotaFunction>("PutWorkspaceQuota", AuthorizationLevel.Admin, "internal/workspaces/{id}/quota", "PUT")
        .Http<RegistryEventsFunction>("RegistryEvents", AuthorizationLevel.Function, "registry/events", "POST")
        .Http<ReconcileRegistryFunction>("ReconcileRegistry", AuthorizationLevel.Admin, "internal/registry/reconcile", "POST")
        .Http<GetRepositoryOwnerFunction>("GetRepositoryOwner", AuthorizationLevel.Function, "internal/repository-owners/{*repository}", "GET")
        .Http<PutRepositoryOwnerFunction>("PutRepositoryOwner", AuthorizationLevel.Admin, "internal/repository-owners/{*repository}", "PUT")
        .Http<DeleteRepositoryOwnerFunction>("DeleteRepositoryOwner", AuthorizationLevel.Admin, "internal/repository-owners/{*repository}", "DELETE")
        .Timer<ReconcileRegistryTimerFunction>("ReconcileRegistryTimer", reconcileSchedule)
        .Http<StartBuildFunction>("StartBuild", AuthorizationLevel.Function, "builds", "POST")
        .Http<GetBuildFunction>("GetBuild", AuthorizationLevel.Function, "builds/{id}", "GET")
        .Http<ReportBuildPushedFunction>("ReportBuildPushed", AuthorizationLevel.Function, "builds/{id}/pushed", "POST")
        .Http<ReportBuildFailedFunction>("ReportBuildFailed", AuthorizationLevel.Function, "builds/{id}/failed", "POST")
        .Http<PreviewCleanupFunction>("PreviewCleanup", AuthorizationLevel.Function, "internal/workspaces/{id}/cleanup-preview", "POST")
        .Http<CreateTenantFunction>("CreateTenant", AuthorizationLevel.Admin, "tenants", "POST")
        .Http<DeleteTenantFunction>("DeleteTenant", AuthorizationLevel.Admin, "tenants/{id}", "DELETE")
        .Queue<DeleteTenantImagesFunction, TenantImageDeletionRequest>("DeleteTenantImages", tenantDeletionQueue)
        .Http<ReportOrphanTenantImagesFunction>("ReportOrphanTenantImages", AuthorizationLevel.Admin, "tenants/orphans", "GET")
        .Timer<SweepOrphanTenantImagesFunction>("SweepOrphanTenantImages", orphanSweepSchedule)
        .Http<IssueRegistryPasswordFunction>("IssueRegistryPassword", AuthorizationLevel.Anonymous, "tenants/{id}/registry-token", "POST")
        .Http<DeployTenantImageFunction>("DeployTenantImage", AuthorizationLevel.Anonymous, "tenants/{id}/deploy", "POST")
        .Http<IssueRegistryTokenFunction>("IssueRegistryToken", AuthorizationLevel.Anonymous, "registry/token", "GET")
        .Http<GetRegistryCertificateFunction>("GetRegistryCertificate", AuthorizationLevel.Anonymous, "registry/certificate", "GET")
        .Http<ReceiveHostReportFunction>("ReceiveHostReport", AuthorizationLevel.Anonymous, "hosts/{hostId}/reports", "POST")
        .Http<ListHostsFunction>("ListHosts", AuthorizationLevel.Function, "hosts", "GET")
        .Http<GetHostUsageFunction>("GetHostUsage", AuthorizationLevel.Function, "hosts/{hostId}/usage", "GET")
        .Http<PutHostUserQuotaFunction>("PutHostUserQuota", AuthorizationLevel.Admin, "hosts/{hostId}/users/{user}/quota", "PUT")
        .Timer<PurgeReportSignaturesFunction>("PurgeReportSignatures", signaturePurgeSchedule)
        .Orchestrations(builder.Configuration)
        .MapProblems(QuotaProblems.From)
        .MapProblems(TenantProblems.From);

    // Tenant events come from Service Bus where one is configured (ServiceBus:Entity); without it the rest runs as before.
    if (!string.IsNullOrEmpty(builder.Configuration["ServiceBus:Entity"]))
    {
        functions.ServiceBus<TenantEventsFunction>("TenantEvents");
    }
});

// After AddFunctionHost, so local.settings.json counts too: with the service as the registry's token issuer,
// its own registry calls sign in as the service identity unless Registry:Username says otherwise.
builder.Configuration.AddInMemoryCollection(RegistryServiceIdentity.RegistryClientSettings(builder.Configuration).ToList());
builder.Services.AddRegistryQuota(builder.Configuration);
builder.Services.AddBuilds(builder.Configuration);
builder.Services.AddTenants(builder.Configuration);
builder.Services.AddHostQuotas(builder.Configuration);

var app = builder.Build();
app.MapFunctions();
app.Run();
