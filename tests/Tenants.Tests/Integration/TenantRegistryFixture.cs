using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Orbit.Testing;

namespace Orbit.Tenants.Tests.Integration;

/// <summary>
/// Azurite, the function app, and a real registry that trusts the app as its token issuer. The registry reads
/// its certificate bundle only at start-up, so the order matters: the app starts first (knowing the port the
/// registry will get), its certificate is exported, and only then the registry starts with <c>auth.token</c>.
/// </summary>
public sealed class TenantRegistryFixture : IAsyncLifetime
{
    public const string MasterKey = "master-key-for-tenant-tests";
    public const string ServicePassword = "service-password-for-tenant-tests";
    public const string Service = "orbit-test-registry";
    public const string Issuer = "orbit-test-issuer";

    private readonly IReadOnlyDictionary<string, string?> extraSettings;
    private readonly string scratch = ScratchDirectory.Create("orbit-tenants-");
    private readonly string hostId = TestNames.HostId("tenants");
    private AzuriteServer? azurite;
    private FunctionHostProcess? app;
    private RegistryServer? registry;
    private int registryPort;

    public TenantRegistryFixture()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>A fixture whose app instances get <paramref name="extraSettings"/> on top of the common ones (for fixtures built on this one).</summary>
    internal TenantRegistryFixture(IReadOnlyDictionary<string, string?> extraSettings) => this.extraSettings = extraSettings;

    public AzuriteServer Azurite => azurite ?? throw new InvalidOperationException("Not started.");

    public FunctionHostProcess App => app ?? throw new InvalidOperationException("Not started.");

    public RegistryServer Registry => registry ?? throw new InvalidOperationException("Not started.");

    public string TenantsTableName { get; } = TestNames.Table("tenants");

    public string KeyContainer { get; } = $"keys-{Guid.NewGuid():N}"[..20];

    public TableClient TenantsTable => new(Azurite.ConnectionString, TenantsTableName);

    public string RegistryHost => $"127.0.0.1:{registryPort}";

    public Uri Realm => new($"http://127.0.0.1:{App.Port}/api/registry/token");

    /// <summary>The settings every instance of the app gets (the extra settings win); what a test passes in <c>overrides</c> wins over both.</summary>
    public IReadOnlyDictionary<string, string?> Settings
    {
        get
        {
            var settings = CommonSettings;
            foreach (var (key, value) in extraSettings)
            {
                settings[key] = value;
            }

            return settings;
        }
    }

    private Dictionary<string, string?> CommonSettings => new()
    {
        ["AzureWebJobsStorage"] = Azurite.ConnectionString,
        ["AzureFunctionsWebHost__hostid"] = hostId,
        ["Registry__Url"] = $"http://{RegistryHost}",
        ["Registry__MaxRetryAttempts"] = "1",
        ["Registry__RetryDelay"] = "00:00:00.200",
        ["Keys__Master"] = MasterKey,
        ["Quota__ReconcileSchedule"] = "0 0 0 1 1 *",
        ["Tenants__Table"] = TenantsTableName,
        ["RegistryAuth__Issuer"] = Issuer,
        ["RegistryAuth__Service"] = Service,
        ["RegistryAuth__ServicePassword"] = ServicePassword,
        ["RegistryAuth__KeyContainer"] = KeyContainer,
    };

    public async Task InitializeAsync()
    {
        azurite = await AzuriteServer.StartAsync();
        registryPort = FreePort.Next();
        app = await StartAppAsync("tenants-app");
        var certificate = Path.Combine(scratch, "token-issuer.pem");
        await File.WriteAllTextAsync(certificate, await App.Http.GetStringAsync("/api/registry/certificate"));
        registry = await RegistryServer.StartAsync(auth: $"""
            auth:
              token:
                realm: {Realm}
                service: {Service}
                issuer: {Issuer}
                rootcertbundle: {certificate}
            """, port: registryPort);
    }

    public Task<FunctionHostProcess> StartAppAsync(string name, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>(Settings);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return FunctionHostProcess.StartAsync(name, AppPaths.FunctionsScriptRoot, FunctionApp.With(settings));
    }

    public async Task DisposeAsync()
    {
        foreach (var component in new IAsyncDisposable?[] { registry, app, azurite })
        {
            if (component is not null)
            {
                await component.DisposeAsync();
            }
        }

        ScratchDirectory.TryDelete(scratch);
    }

    public static string NewTenantId() => $"t{Guid.NewGuid():N}"[..12];

    public string RepositoryOf(string tenant) => $"tenants/tenant-{tenant}";

    public string ImageOf(string tenant) => $"{RegistryHost}/{RepositoryOf(tenant)}:latest";

    public async Task<HttpResponseMessage> CreateTenantAsync(string? id, bool rotateKey = false, string? masterKey = MasterKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tenants") { Content = JsonContent.Create(new { id, rotateKey }) };
        if (masterKey is not null)
        {
            request.Headers.Add("x-functions-key", masterKey);
        }

        return await App.Http.SendAsync(request);
    }

    /// <summary>A new tenant and its key.</summary>
    public async Task<(string Id, string Key)> NewTenantAsync()
    {
        var id = NewTenantId();
        using var response = await CreateTenantAsync(id);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (id, body.GetProperty("key").GetString()!);
    }

    public async Task<HttpResponseMessage> DeleteTenantAsync(string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/tenants/{id}");
        request.Headers.Add("x-functions-key", MasterKey);
        return await App.Http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> RegistryPasswordAsync(string id, string? tenantKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tenants/{id}/registry-token");
        if (tenantKey is not null)
        {
            request.Headers.Add("X-Tenant-Key", tenantKey);
        }

        return await App.Http.SendAsync(request);
    }

    /// <summary>Asks the app's token endpoint, as the registry's clients do, with Basic credentials.</summary>
    public async Task<HttpResponseMessage> TokenResponseAsync(string? username, string? password, params string[] scopes)
    {
        var query = string.Join('&', new[] { $"service={Uri.EscapeDataString(Service)}" }.Concat(scopes.Select(scope => $"scope={Uri.EscapeDataString(scope)}")));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/registry/token?{query}");
        if (username is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
        }

        return await App.Http.SendAsync(request);
    }

    public async Task<string> TokenAsync(string username, string password, params string[] scopes)
    {
        using var response = await TokenResponseAsync(username, password, scopes);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    public async Task<HttpResponseMessage> DeployAsync(string id, string? tenantKey, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tenants/{id}/deploy") { Content = JsonContent.Create(body) };
        if (tenantKey is not null)
        {
            request.Headers.Add("X-Tenant-Key", tenantKey);
        }

        return await App.Http.SendAsync(request);
    }

    /// <summary>A request straight to the registry with a bearer token (or none).</summary>
    public async Task<HttpResponseMessage> RegistryRequestAsync(HttpMethod method, string path, string? token)
    {
        using var http = new HttpClient { BaseAddress = Registry.Url };
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.ParseAdd("application/vnd.oci.image.manifest.v1+json");
        request.Headers.Accept.ParseAdd("application/vnd.docker.distribution.manifest.v2+json");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await http.SendAsync(request);
    }

    /// <summary>Every row of the tenants table with its ETag, to show a refused request wrote nothing.</summary>
    public async Task<IReadOnlyList<string>> TenantRowsAsync()
    {
        var rows = new List<string>();
        try
        {
            await foreach (var row in TenantsTable.QueryAsync<TableEntity>())
            {
                rows.Add($"{row.PartitionKey}|{row.RowKey}|{row.ETag}");
            }
        }
        catch (Azure.RequestFailedException exception) when (exception.Status == 404)
        {
        }

        return rows.Order(StringComparer.Ordinal).ToList();
    }
}

[CollectionDefinition(Name)]
public sealed class TenantRegistryCollection : ICollectionFixture<TenantRegistryFixture>
{
    public const string Name = "TenantRegistry";
}
