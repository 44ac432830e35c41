using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orbit.Registry.Client;
using Orbit.Tenants.Layout;
using Orbit.Tenants.Registration;
using Orbit.Tenants.Signing;
using Orbit.Tenants.Storage;
using Orbit.Testing;

namespace Orbit.Tenants.Tests.Integration;

/// <summary>Instances racing on the same storage: one signing key, one tenant, one key.</summary>
[Collection(TenantRegistryCollection.Name)]
public sealed class ConcurrencyTests(TenantRegistryFixture fixture)
{
    [Fact]
    public async Task Instances_creating_the_signing_key_at_the_same_time_all_end_with_the_same_key()
    {
        var options = Options.Create(new RegistryAuthOptions { KeyContainer = $"race-{Guid.NewGuid():N}"[..20] });
        var stores = Enumerable.Range(0, 6)
            .Select(_ => new TokenSigningKeyStore(new BlobServiceClient(fixture.Azurite.ConnectionString), options, TimeProvider.System, NullLogger<TokenSigningKeyStore>.Instance))
            .ToList();

        var keys = await Task.WhenAll(stores.Select(store => store.GetAsync(CancellationToken.None)));

        Assert.Single(keys.Select(key => key.KeyId).Distinct());
        Assert.Single(keys.Select(key => key.CertificatePem).Distinct());
        stores.ForEach(store => store.Dispose());
    }

    [Fact]
    public async Task Creating_one_tenant_from_several_instances_at_once_makes_exactly_one_key()
    {
        var table = new TableClient(fixture.Azurite.ConnectionString, TestNames.Table("race"));
        var layout = new TenantImageLayout(Options.Create(new TenantsOptions()), Options.Create(new RegistryOptions { Url = new Uri("http://127.0.0.1:5000") }));
        var registrations = Enumerable.Range(0, 6)
            .Select(_ => new TenantRegistration(new TenantStore(table), layout, Options.Create(new RegistryAuthOptions()), TimeProvider.System, NullLogger<TenantRegistration>.Instance))
            .ToList();
        var id = TenantId.Parse(TenantRegistryFixture.NewTenantId());

        var creations = await Task.WhenAll(registrations.Select(registration => registration.CreateAsync(id, rotateKey: false, CancellationToken.None)));

        var created = Assert.Single(creations, creation => creation.Outcome == TenantCreationOutcome.Created);
        Assert.All(creations.Where(creation => creation != created), creation => Assert.Null(creation.Key));
        var stored = await new TenantStore(table).GetAsync(id, CancellationToken.None);
        Assert.True(stored!.Tenant.KeyHash.Matches(created.Key));
    }
}
