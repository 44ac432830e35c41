using Microsoft.Extensions.Configuration;
using Orbit.FunctionHost.Hosting;
using Orbit.FunctionHost.Http;
using Orbit.Orchestrations.Http;
using Orbit.Orchestrations.Worker;

namespace Orbit.Orchestrations;

public static class OrchestrationFunctionRegistryExtensions
{
    /// <summary>
    /// The runtime's own functions: the control and work-item queue triggers, the sweeper, and the
    /// management API under <c>/runtime/webhooks/durabletask</c> (function keys; starting an orchestrator
    /// directly needs the master key, because it skips the checks an app's own start function makes).
    /// </summary>
    public static FunctionRegistry Orchestrations(this FunctionRegistry functions, IConfiguration configuration)
    {
        var options = new OrchestrationOptions();
        configuration.GetSection(OrchestrationOptions.SectionName).Bind(options);
        var names = options.Names;
        return functions
            .Queue<ControlQueueFunction, ControlMessage>("OrchestrationControl", names.ControlQueue)
            .Queue<WorkItemFunction, WorkItem>("OrchestrationWorkItems", names.WorkItemQueue)
            .Timer<OrchestrationSweeperFunction>("OrchestrationSweeper", options.SweepSchedule)
            .Http<StartOrchestrationFunction>("StartOrchestration", AuthorizationLevel.Admin, ManagementRoutes.Start, "POST")
            .Http<ListInstancesFunction>("ListOrchestrationInstances", AuthorizationLevel.Function, ManagementRoutes.Instances, "GET")
            .Http<GetInstanceStatusFunction>("GetOrchestrationStatus", AuthorizationLevel.Function, ManagementRoutes.Instance, "GET")
            .Http<PurgeInstanceFunction>("PurgeOrchestrationInstance", AuthorizationLevel.Function, ManagementRoutes.Instance, "DELETE")
            .Http<RaiseEventFunction>("RaiseOrchestrationEvent", AuthorizationLevel.Function, ManagementRoutes.RaiseEvent, "POST")
            .Http<TerminateInstanceFunction>("TerminateOrchestrationInstance", AuthorizationLevel.Function, ManagementRoutes.Terminate, "POST");
    }
}
