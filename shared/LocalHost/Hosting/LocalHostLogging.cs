using Orbit.LocalHost.Configuration;

namespace Orbit.LocalHost.Hosting;

/// <summary>
/// One console log for the host, its WebJobs host and the worker's logs, with host.json's <c>logging.logLevel</c>
/// applied as in Azure. Request logging by ASP.NET Core, YARP and gRPC stays at Warning whatever host.json says: it
/// would write request URLs, and a caller's key may be in one as <c>code</c>.
/// </summary>
public static class LocalHostLogging
{
    private static readonly string[] UrlLoggingCategories = ["Microsoft.AspNetCore", "Yarp", "Grpc", "System.Net.Http.HttpClient"];

    // Defaults host.json can change: the storage SDK's request log and the Durable engine's progress are for diagnosis.
    private static readonly string[] QuietByDefault = ["DurableTask.AzureStorage", "DurableTask.Core", "Host.Triggers.DurableTask", "Microsoft.Azure.WebJobs.Hosting.OptionsLoggingService"];

    public static void Configure(ILoggingBuilder logging, IConfiguration configuration)
    {
        logging.ClearProviders();
        foreach (var category in QuietByDefault)
        {
            logging.AddFilter(category, LogLevel.Warning);
        }

        // Its warnings are mostly the 409s of create-if-missing calls; the components report real storage failures themselves.
        logging.AddFilter("Azure.Core", LogLevel.Error);

        logging.AddConfiguration(configuration.GetSection($"{HostJsonFile.Section}:logging"));
        logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        });
        foreach (var category in UrlLoggingCategories)
        {
            logging.AddFilter(category, level => level >= LogLevel.Warning);
        }
    }
}
