using System.Net;
using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Orbit.Testing;

namespace Orbit.Tenants.Tests.Integration;

/// <summary>
/// <see cref="TenantRegistryFixture"/> of its own (its registry is stopped and restarted by these tests, which must not
/// disturb the other tenant tests), with a deletion queue of its own, quick queue retries (1 s visibility timeout, 8
/// attempts), a circuit breaker that opens after two failures, and the hourly sweep pushed out of the way: tests run
/// the sweep in an app instance of their own with a short schedule.
/// </summary>
public sealed class TenantDeletionFixture : IAsyncLifetime
{
    public const string FunctionKey = "function-key-for-tenant-deletion-tests";
    public const int MaxDequeueCount = 8;
    public const string ServiceUsername = "orbit-service";

    public TenantDeletionFixture()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>With <paramref name="extraSettings"/> for the app on top of the deletion settings (for fixtures built on this one).</summary>
    internal TenantDeletionFixture(IReadOnlyDictionary<string, string?> extraSettings) => Tenants = new TenantRegistryFixture(new Dictionary<string, string?>(extraSettings)
    {
        ["Tenants__DeletionQueue"] = DeletionQueueName,
        ["Tenants__OrphanSweepSchedule"] = "0 0 0 1 1 *",
        ["Keys__Function__default"] = FunctionKey,
        ["AzureFunctionsJobHost__extensions__queues__visibilityTimeout"] = "00:00:01",
        ["AzureFunctionsJobHost__extensions__queues__maxDequeueCount"] = MaxDequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["AzureFunctionsJobHost__extensions__queues__maxPollingInterval"] = "00:00:00.500",
        ["Registry__CircuitBreakerMinimumThroughput"] = "2",
        ["Registry__CircuitBreakerFailureRatio"] = "0.5",
        ["Registry__CircuitBreakerBreakDuration"] = "00:00:01",
    });

    public TenantRegistryFixture Tenants { get; }

    public string DeletionQueueName { get; } = TestNames.Queue("tenant-deletions");

    public QueueClient DeletionQueue => new(Tenants.Azurite.ConnectionString, DeletionQueueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public QueueClient PoisonQueue => new(Tenants.Azurite.ConnectionString, $"{DeletionQueueName}-poison", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public Task InitializeAsync() => Tenants.InitializeAsync();

    public Task DisposeAsync() => Tenants.DisposeAsync();

    public Task<string> ServiceTokenAsync(string scope) => Tenants.TokenAsync(ServiceUsername, TenantRegistryFixture.ServicePassword, scope);

    /// <summary>Pushes an image with the service identity (which may push below the tenant prefix); same label and seed, same digest.</summary>
    public async Task<PushedImage> PushAsync(string repository, string tag, int seed, string? label = null)
    {
        var token = await ServiceTokenAsync($"repository:{repository}:pull,push");
        using var pusher = new RegistryImagePusher(Tenants.Registry.Url, _ => token);
        return await pusher.PushImageAsync(repository, tag, [RegistryImagePusher.Layer(seed, 1024)], label: label);
    }

    /// <summary>The digest a tag resolves to, by the service identity's manifest HEAD; null for 404.</summary>
    public async Task<string?> HeadAsync(string repository, string tag)
    {
        var token = await ServiceTokenAsync($"repository:{repository}:pull");
        using var response = await Tenants.RegistryRequestAsync(HttpMethod.Head, $"/v2/{repository}/manifests/{tag}", token);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("Docker-Content-Digest").Single();
    }

    /// <summary>The repository's tags by <c>tags/list</c>: empty for NAME_UNKNOWN (404) or an empty list.</summary>
    public async Task<IReadOnlyList<string>> TagsAsync(string repository)
    {
        var token = await ServiceTokenAsync($"repository:{repository}:pull");
        using var response = await Tenants.RegistryRequestAsync(HttpMethod.Get, $"/v2/{repository}/tags/list", token);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            Assert.Contains("NAME_UNKNOWN", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            return [];
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return body.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
            ? tags.EnumerateArray().Select(tag => tag.GetString()!).ToList()
            : [];
    }

    /// <summary>The bodies of the messages visible on a queue (none if it does not exist).</summary>
    public static async Task<IReadOnlyList<string>> PeekAsync(QueueClient queue)
    {
        if (!await queue.ExistsAsync())
        {
            return [];
        }

        var messages = await queue.PeekMessagesAsync(32);
        return messages.Value.Select(message => message.Body.ToString()).ToList();
    }
}
