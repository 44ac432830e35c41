using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Orbit.Storage.Tests;

public sealed class StorageAccountTests
{
    [Fact]
    public void Without_any_storage_setting_the_error_says_what_to_set()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageAccount.FromConfiguration(Configuration([])));

        Assert.Contains("AzureWebJobsStorage", error.Message);
        Assert.Contains("accountName", error.Message);
    }

    [Fact]
    public void An_account_name_gives_the_public_service_endpoints()
    {
        var account = StorageAccount.FromConfiguration(Configuration(new() { ["AzureWebJobsStorage:accountName"] = "orbitprod" }));

        Assert.Equal(new Uri("https://orbitprod.queue.core.windows.net/"), account.CreateQueueServiceClient(QueueMessageEncoding.Base64).Uri);
        Assert.Equal(new Uri("https://orbitprod.blob.core.windows.net/"), account.CreateBlobServiceClient().Uri);
        Assert.Equal(new Uri("https://orbitprod.table.core.windows.net/"), account.CreateTableServiceClient().Uri);
    }

    [Fact]
    public void Service_uris_override_the_account_name()
    {
        var account = StorageAccount.FromConfiguration(Configuration(new()
        {
            ["AzureWebJobsStorage:accountName"] = "orbitprod",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://queues.example.test/",
        }));

        Assert.Equal(new Uri("https://queues.example.test/"), account.CreateQueueServiceClient(QueueMessageEncoding.Base64).Uri);
    }

    [Fact]
    public void Development_storage_points_at_the_local_emulator()
    {
        var account = StorageAccount.FromConfiguration(Configuration(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" }));

        Assert.Equal("127.0.0.1", account.CreateQueueServiceClient(QueueMessageEncoding.Base64).Uri.Host);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
