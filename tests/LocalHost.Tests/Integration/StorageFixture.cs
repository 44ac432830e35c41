using Azure.Storage.Queues;
using Orbit.Testing;

namespace Orbit.LocalHost.Tests.Integration;

/// <summary>
/// One real Azurite for the integration tests, and one keyed host of the test app that the tests of HTTP, keys, queues
/// and orchestrations share (started on first use): each of those tests uses its own message ids and instances.
/// </summary>
public sealed class StorageFixture : IAsyncLifetime
{
    public const string MasterKey = "master-key-5c0e41";
    public const string HostKey = "host-key-ci-91d2f7";
    public const string LegacyHostKey = "legacy-host-key-3a8b26";
    public const string EchoKey = "echo-function-key-e07c19";
    public const string LargeBodyKey = "large-body-function-key-66f4a0";

    private readonly SemaphoreSlim starting = new(1, 1);
    private AzuriteServer? azurite;
    private TestAppHost? keyed;
    private (TestAppHost First, TestAppHost Second)? pair;

    public AzuriteServer Azurite => azurite ?? throw new InvalidOperationException("Azurite has not started.");

    public async Task InitializeAsync() => azurite = await AzuriteServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var host in new[] { keyed, pair?.First, pair?.Second })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }

    /// <summary>The shared host with every kind of key configured: master, a host key, a legacy host key, and keys of the Echo and LargeBody functions.</summary>
    public async Task<TestAppHost> KeyedHostAsync()
    {
        await starting.WaitAsync();
        try
        {
            return keyed ??= await StartAsync("keyed-host", new Dictionary<string, string?>
            {
                ["Keys__Master"] = MasterKey,
                ["Keys__Host__ci"] = HostKey,
                ["Keys__Function__default"] = LegacyHostKey,
                ["Keys__Functions__Echo__own"] = EchoKey,
                ["Keys__Functions__LargeBody__own"] = LargeBodyKey,
            });
        }
        finally
        {
            starting.Release();
        }
    }

    /// <summary>
    /// Two instances of the app on one storage account (one host id, task hub, queue and results table), with the Tick timer
    /// every 2 s and FailingTick every 3 s, shared by the tests of what instances share.
    /// </summary>
    public async Task<(TestAppHost First, TestAppHost Second)> PairAsync()
    {
        await starting.WaitAsync();
        try
        {
            return pair ??= await StartPairAsync("instance", new Dictionary<string, string?>
            {
                [TestAppSettings.TickSchedule] = "*/2 * * * * *",
                [TestAppSettings.FailingTickSchedule] = "*/3 * * * * *",
            });
        }
        finally
        {
            starting.Release();
        }
    }

    /// <summary>Two instances of the app sharing host id, task hub, queues and results table, both keyed as the shared host is.</summary>
    public async Task<(TestAppHost First, TestAppHost Second)> StartPairAsync(string name, IReadOnlyDictionary<string, string?> settings)
    {
        var shared = TestAppSettings.For(Azurite, name, settings);
        shared["Keys__Master"] = MasterKey;
        shared["Keys__Host__ci"] = HostKey;
        shared.Remove("TestInstance");
        var first = StartAsync($"{name}-a", shared);
        var second = StartAsync($"{name}-b", shared);
        try
        {
            return (await first, await second);
        }
        catch
        {
            foreach (var started in new[] { first, second }.Where(start => start.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Starts the test app on this Azurite; see <see cref="TestAppHost.StartAsync"/>.</summary>
    public Task<TestAppHost> StartAsync(string instance, IReadOnlyDictionary<string, string?> settings, string? scriptRoot = null) =>
        TestAppHost.StartAsync(Azurite, instance, settings, scriptRoot);

    /// <summary>A queue client as the queue trigger reads (base64, the host.json default).</summary>
    public QueueClient Queue(string name) => new(Azurite.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
}

[CollectionDefinition(Name)]
public sealed class StorageCollection : ICollectionFixture<StorageFixture>
{
    public const string Name = "Azurite and the test app";
}
