using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Orbit.Functions.Builds;
using static Orbit.Quota.Tests.Builds.Replay.ReplayWorkspace;

namespace Orbit.Quota.Tests.Builds.Replay;

public sealed class InvalidInputReplayTests
{
    public static TheoryData<string, string> Inputs => new()
    {
        { "null", "The build has no input." },
        { """{"workspaceId":"ws","appId":"api","tag":"next","registry":"managed","estimatedBytes":0}""", "repository is required." },
        { """{"workspaceId":"ws","appId":"api gateway!","repository":"ws/api","tag":"next","registry":"managed","estimatedBytes":0}""", "'api gateway!' is not an app id" },
        { """{"workspaceId":"ws","appId":"api","repository":"ws/api","tag":"next","registry":"managed","estimatedBytes":-1}""", "estimatedBytes must be between 0 and 1099511627776; it is -1." },
        { """{"workspaceId":"ws","appId":"api","repository":"ws/api","tag":"next","registry":"managed","estimatedBytes":1099511627777}""", "it is 1099511627777." },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Invalid_input_fails_the_instance_at_once_with_the_reason_calls_no_activity_and_is_never_ready(string input, string reason)
    {
        var scenario = new BuildScenario(Plan(Tagged(["api"], 4, (_, _) => MiB), 100 * MiB));
        await using var host = await ReplayHost.StartAsync(scenario, ReplayHost.Settings());

        var id = await host.StartBuildAsync(JsonNode.Parse(input)!);
        var done = await host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(InvalidBuildInputException).FullName, done.FailureDetails!.ErrorType);
        Assert.StartsWith("The build's input is invalid: ", done.FailureDetails.ErrorMessage);
        Assert.Contains(reason, done.FailureDetails.ErrorMessage);
        Assert.Empty(scenario.Calls);
        Assert.Null(done.SerializedCustomStatus);
        // One episode, and in it the orchestrator did nothing before failing: no activity, timer, event or status.
        Assert.Empty(Assert.Single(host.Episodes.Of(id)).Actions);
    }

    /// <summary>Values the contract's types refuse to read: the input's read fails (GetInput in the app, the worker here) before any step.</summary>
    public static TheoryData<string, string> MalformedValues => new()
    {
        { """{"workspaceId":"WS!","appId":"api","repository":"ws/api","tag":"next","registry":"managed","estimatedBytes":0}""", "'WS!' is not a valid WorkspaceId." },
        { """{"workspaceId":"ws","appId":"api","repository":"ws/api","tag":"next","registry":"docker","estimatedBytes":0}""", "Path: $.registry" },
    };

    [Theory]
    [MemberData(nameof(MalformedValues))]
    public async Task A_value_its_type_refuses_fails_the_instance_reading_the_input_naming_it_and_is_never_ready(string input, string reason)
    {
        var scenario = new BuildScenario(Plan(Tagged(["api"], 4, (_, _) => MiB), 100 * MiB));
        await using var host = await ReplayHost.StartAsync(scenario, ReplayHost.Settings());

        var id = await host.StartBuildAsync(JsonNode.Parse(input)!);
        var done = await host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(System.Text.Json.JsonException).FullName, done.FailureDetails!.ErrorType);
        Assert.Contains(reason, done.FailureDetails.ErrorMessage);
        Assert.Empty(scenario.Calls);
        Assert.Null(done.SerializedCustomStatus);
    }
}
