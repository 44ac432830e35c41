using System.Collections;
using Orbit.LocalHost.Configuration;

namespace Orbit.LocalHost.Tests.Configuration;

public sealed class HostSettingsTests : IDisposable
{
    private readonly ScriptRoot root = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public void Host_json_sits_under_AzureFunctionsJobHost_below_local_settings_values_below_the_environment()
    {
        root.Write("host.json", """{ "version": "2.0", "extensions": { "queues": { "batchSize": 8, "maxDequeueCount": 5 } } }""")
            .Write("local.settings.json", """
                {
                  "IsEncrypted": false,
                  "Values": {
                    "AzureFunctionsJobHost__extensions__queues__maxDequeueCount": "3",
                    "AzureWebJobsStorage": "from-file",
                    "RecordQueue": "from-file"
                  }
                }
                """);

        var settings = HostSettings.Load(root.Path, new Hashtable { ["RecordQueue"] = "from-environment" });

        Assert.Equal("8", settings.Configuration["AzureFunctionsJobHost:extensions:queues:batchSize"]);
        Assert.Equal("3", settings.Configuration["AzureFunctionsJobHost:extensions:queues:maxDequeueCount"]);
        Assert.Equal("from-file", settings.Configuration["AzureWebJobsStorage"]);
        Assert.Equal("from-environment", settings.Configuration["RecordQueue"]);
        Assert.Equal("from-environment", settings.AppSettings["RecordQueue"]);
    }

    [Fact]
    public void An_environment_setting_of_host_json_wins_over_the_file()
    {
        root.Write("host.json", """{ "extensions": { "queues": { "batchSize": 8 } } }""");

        var settings = HostSettings.Load(root.Path, new Hashtable { ["AzureFunctionsJobHost__extensions__queues__batchSize"] = "2" });

        Assert.Equal("2", settings.Configuration["AzureFunctionsJobHost:extensions:queues:batchSize"]);
    }

    [Fact]
    public void Keys_reach_the_host_but_never_the_worker_whether_set_in_the_environment_or_in_local_settings()
    {
        root.Write("host.json", "{}")
            .Write("local.settings.json", """{ "Values": { "Keys__Function__default": "file-key", "Keys:Host:ci": "colon-key", "Registry__Url": "http://registry" } }""");

        var settings = HostSettings.Load(root.Path, new Hashtable { ["Keys__Master"] = "master", ["keys__functions__Echo__own"] = "lower-case", ["Other"] = "kept" });

        Assert.Equal("master", settings.Configuration["Keys:Master"]);
        Assert.Equal("file-key", settings.Configuration["Keys:Function:default"]);
        Assert.DoesNotContain(settings.AppSettings.Keys, name => name.StartsWith("Keys", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(settings.AppSettings.Values, value => value is "master" or "file-key" or "colon-key" or "lower-case");
        Assert.Equal("kept", settings.AppSettings["Other"]);
        Assert.Equal("http://registry", settings.AppSettings["Registry__Url"]);
    }

    [Fact]
    public void Local_settings_may_hold_comments_trailing_commas_and_values_that_are_not_text()
    {
        root.Write("host.json", "{}")
            .Write("local.settings.json", """
                {
                  // Core Tools takes comments
                  "Values": { "Count": 3, "Enabled": true, "Name": "n", },
                }
                """);

        var settings = HostSettings.Load(root.Path, new Hashtable());

        Assert.Equal(("3", "true", "n"), (settings.AppSettings["Count"], settings.AppSettings["Enabled"], settings.AppSettings["Name"]));
    }

    [Fact]
    public void The_worker_runtime_defaults_to_dotnet_isolated_and_Azure_platform_variables_are_dropped()
    {
        root.Write("host.json", "{}");

        var settings = HostSettings.Load(root.Path, new Hashtable { ["WEBSITE_INSTANCE_ID"] = "not-azure", ["CONTAINER_NAME"] = "sandbox", ["WEBSITE_SKU"] = "Dynamic" });

        Assert.Equal("dotnet-isolated", settings.Configuration["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.False(settings.AppSettings.ContainsKey("WEBSITE_INSTANCE_ID"));
        Assert.False(settings.AppSettings.ContainsKey("CONTAINER_NAME"));
        Assert.Null(settings.Configuration["WEBSITE_SKU"]);
    }

    [Fact]
    public void Without_local_settings_only_host_json_and_the_environment_count()
    {
        root.Write("host.json", """{ "version": "2.0" }""");

        var settings = HostSettings.Load(root.Path, new Hashtable { ["A"] = "1" });

        Assert.Equal("2.0", settings.Configuration["AzureFunctionsJobHost:version"]);
        Assert.Equal("1", settings.AppSettings["A"]);
    }

    [Fact]
    public void A_script_root_without_host_json_is_refused_naming_the_folder()
    {
        var error = Assert.Throws<FileNotFoundException>(() => HostSettings.Load(root.Path, new Hashtable()));

        Assert.Contains(root.Path, error.Message);
        Assert.Contains("host.json", error.Message);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Local_settings_readable_by_others_are_noticed_and_0600_is_not()
    {
        root.Write("local.settings.json", """{ "Values": {} }""");
        var path = Path.Combine(root.Path, "local.settings.json");

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Assert.True(LocalSettingsFile.IsReadableByOthers(root.Path));

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.False(LocalSettingsFile.IsReadableByOthers(root.Path));
    }
}
