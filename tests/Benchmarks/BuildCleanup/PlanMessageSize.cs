using System.Text;
using System.Text.Json;

namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>
/// How big the control message reporting a plan's result is: the runtime sends an activity's result to the control
/// queue as a TaskCompleted event whose payload is the result's JSON as a string (escaped inside the message's JSON),
/// base64-encoded (host.json messageEncoding). A queue message may be at most 64 KiB; a bigger one is refused
/// (413 RequestBodyTooLarge), so the plan's completion never reaches the orchestration.
/// </summary>
internal static class PlanMessageSize
{
    public const int QueueMessageLimit = 64 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The size of the base64 text of a ControlMessage carrying <paramref name="planJson"/> as a TaskCompleted payload (an estimate: the same shape, not the same serializer call).</summary>
    public static int Estimate(string planJson)
    {
        var message = JsonSerializer.Serialize(new
        {
            instanceId = new string('0', 32),
            @event = new { type = "TaskCompleted", timestamp = DateTimeOffset.UtcNow, taskId = 1, payload = planJson },
            redrive = false,
        }, Json);
        return (Encoding.UTF8.GetByteCount(message) + 2) / 3 * 4;
    }
}
