using System.Net;
using System.Text.Json;

namespace Orbit.Cli.Service;

/// <summary>Turns the service's refusals (RFC 7807 problems) into the tool's exit codes, with the service's own words.</summary>
public static class ServiceProblem
{
    public static async Task<CliFailure> FromAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var detail = await DetailAsync(response, cancellationToken);
        var status = (int)response.StatusCode;
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new CliFailure(ExitCodes.NotAuthorized,
                $"{what}: the service refused the key ({status}). Pass the function key with --key or ORBIT_KEY (the master key for 'orbit quota set'); scripts/run prints where the keys are."),
            HttpStatusCode.NotFound => new CliFailure(ExitCodes.NotFound, $"{what}: {detail} ({status})"),
            HttpStatusCode.Conflict or HttpStatusCode.Gone => new CliFailure(ExitCodes.Refused, $"{what}: {detail} ({status})"),
            HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnsupportedMediaType or HttpStatusCode.UnprocessableEntity =>
                new CliFailure(ExitCodes.BadUsage, $"{what}: {detail} ({status})"),
            HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => new CliFailure(ExitCodes.Unreachable, $"{what}: {detail} ({status})"),
            _ => new CliFailure(ExitCodes.Failure, $"{what}: the service answered {status}: {detail}"),
        };
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                var detail = root.TryGetProperty("detail", out var d) ? d.GetString() : null;
                var title = root.TryGetProperty("title", out var t) ? t.GetString() : null;
                return detail ?? title ?? text;
            }
        }
        catch (JsonException)
        {
        }

        return text.Length == 0 ? response.ReasonPhrase ?? "no details" : text;
    }
}
