using Microsoft.Azure.Functions.Worker.Builder;
using Orbit.ServiceBus;

namespace Orbit.TestFunctionApp.ServiceBus;

public static class BusRecordFeature
{
    /// <summary>The Service Bus function, where <c>ServiceBus:Entity</c> is set: the trigger runs in this worker, not in the host.</summary>
    public static FunctionsApplicationBuilder AddBusRecord(this FunctionsApplicationBuilder builder)
    {
        if (!string.IsNullOrEmpty(builder.Configuration[$"{ServiceBusOptions.SectionName}:{nameof(ServiceBusOptions.Entity)}"]))
        {
            builder.Services.AddServiceBusTrigger<BusRecordFunction>(builder.Configuration, BusRecordFunction.Name);
        }

        return builder;
    }
}
