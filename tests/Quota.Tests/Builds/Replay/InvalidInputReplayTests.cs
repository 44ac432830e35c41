using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Orbit.Functions.Builds;
using static Orbit.Quota.Tests.Builds.Replay.ReplayWorkspace;

namespace Orbit.Quota.Tests.Builds.Replay;

public sealed class InvalidInputReplayTests
{
    private const string Invalid = "The build's input is invalid: ";

    /// <summary>
    /// Inputs the orchestrator refuses (<see cref="InvalidBuildInputException"/>), and values the contract's types refuse to
    /// read (a <see cref="JsonException"/> from reading the input: GetInput in the app, the worker here), each with its reason.
    /// </summary>
    public static TheoryData<string, string, string> Inputs => new()
    {
        { "null", nameof(InvalidBuildInputException), Invalid + "The build has no input." },
        { """{"workspaceId":"ws","appId":"api","tag":"next","registry":"managed","estimatedBytes":0}""", nameof(InvalidBuildInputException), Invalid + "repository is required." },
        { """{"workspaceId":"ws","appId":"api gateway!","repository":"ws/api","tag":"next","registry":"managed","estimatedBytes":0}""", nameof(InvalidBuildInputException), Invalid + "'api gateway!' is not an app id" },
        { """{"workspaceId":"ws","appId":"api","repository":"ws/api","tag":"next","registry":"managed","estimatedBytes":-1}""", nameof(InvalidBuildInputException), Invalid + "estimatedBytes must be between 0 and 1099511627776; it is -1." },
        { """{"workspaceId":"ws","appId":"api","repository":"ws/api","tag":"next","registry":"managed","estimatedBytes":1099511627777}""", nameof(InvalidBuildInputException), Invalid + "estimatedBytes must be between 0 and 1099511627776; it is 1099511627777." },
        { """{"workspaceId":"WS!","appId":"api","repository":"ws/api","tag":"next","registry":"managed","estimatedBytes":0}""", nameof(JsonException), "'WS!' is not a valid WorkspaceId." },
        { """{"workspaceId":"ws","appId":"api","repository":"ws/api","tag":"next","registry":"docker","estimatedBytes":0}""", nameof(JsonException), "Path: $.registry" },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Invalid_input_fails_the_instance_at_once_with_the_reason_calls_no_activity_and_is_never_ready(string input, string error, string reason)
    {
        var scenario = new BuildScenario(Plan(Tagged(["api"], 4, (_, _) => MiB), 100 * MiB));
        await using var host = await ReplayHost.StartAsync(scenario, ReplayHost.Settings());

        var id = await host.StartBuildAsync(JsonNode.Parse(input)!);
        var done = await host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.EndsWith("." + error, done.FailureDetails!.ErrorType);
        Assert.Contains(reason, done.FailureDetails.ErrorMessage);
        Assert.Empty(scenario.Calls);
        Assert.Null(done.SerializedCustomStatus);
        // The orchestrator did nothing before failing: no activity, timer, event or status.
        Assert.Empty(host.Episodes.Of(id).SelectMany(episode => episode.Actions));
    }
}
