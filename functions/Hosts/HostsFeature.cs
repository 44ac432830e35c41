using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Options;
using Orbit.Hosts.Reports;
using Orbit.Hosts.Storage;

namespace Orbit.Functions.Hosts;

public static class HostsFeature
{
    /// <summary>The Docker-host endpoints' settings (section <c>Hosts</c>), the report store, the replay guard and the signature verifier.</summary>
    public static FunctionsApplicationBuilder AddHostQuotas(this FunctionsApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<HostQuotaOptions>()
            .Bind(configuration.GetSection(HostQuotaOptions.SectionName))
            .Validate(
                o => !string.IsNullOrWhiteSpace(o.UsageTable) && !string.IsNullOrWhiteSpace(o.EventsTable) && !string.IsNullOrWhiteSpace(o.SignatureTable),
                "Hosts:UsageTable, Hosts:EventsTable and Hosts:SignatureTable must name tables.")
            .ValidateOnStart();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<HostQuotaOptions>>().Value;
            var tables = provider.GetRequiredService<Azure.Data.Tables.TableServiceClient>();
            return new HostQuotaStore(tables.GetTableClient(options.UsageTable), tables.GetTableClient(options.EventsTable));
        });
        services.AddSingleton(provider => new TableReplayGuard(
            provider.GetRequiredService<Azure.Data.Tables.TableServiceClient>().GetTableClient(provider.GetRequiredService<IOptions<HostQuotaOptions>>().Value.SignatureTable)));
        services.AddSingleton(provider => new ReportVerifier(provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<TableReplayGuard>()));
        return builder;
    }
}
