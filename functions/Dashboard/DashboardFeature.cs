using Azure.Storage.Blobs;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Options;

namespace Orbit.Functions.Dashboard;

public static class DashboardFeature
{
    /// <summary>
    /// The operator dashboard (section <c>Dashboard</c>): its settings, the master-key check for sign-in, and sessions
    /// signed by Data Protection with the key ring in the app's blob storage (<c>Dashboard:KeyContainer</c>), so every
    /// instance accepts the sessions of the others.
    /// </summary>
    public static FunctionsApplicationBuilder AddDashboard(this FunctionsApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DashboardOptions>()
            .Bind(builder.Configuration.GetSection(DashboardOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        services.AddDataProtection().SetApplicationName("orbit-dashboard");
        services.AddOptions<KeyManagementOptions>().Configure<BlobServiceClient, IOptions<DashboardOptions>>(
            (keys, blobs, dashboard) => keys.XmlRepository = new BlobXmlRepository(blobs.GetBlobContainerClient(dashboard.Value.KeyContainer)));
        services.AddSingleton<AdminKeyCheck>();
        services.AddSingleton<DashboardSessions>();
        return builder;
    }
}
