using System.Net.Http.Json;
using System.Text.Json;

namespace Orbit.Cli.Service;

/// <summary>
/// The service's HTTP API as docs/openapi.json describes it, for the commands: every call sends the key as
/// <c>x-functions-key</c>, every refusal becomes a <see cref="CliFailure"/> with the problem's detail, and a service
/// that cannot be reached is <see cref="ExitCodes.Unreachable"/> with the URL that was tried.
/// </summary>
public sealed class OrbitService(HttpClient http) : IDisposable
{
    public Uri BaseAddress => http.BaseAddress!;

    public static OrbitService Create(Uri url, string? key, TimeSpan timeout)
    {
        var http = new HttpClient { BaseAddress = url, Timeout = timeout };
        if (!string.IsNullOrEmpty(key))
        {
            http.DefaultRequestHeaders.Add("x-functions-key", key);
        }

        return new OrbitService(http);
    }

    public Task<JsonElement> StartBuildAsync(object body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "api/builds", body, "Starting the build", cancellationToken);

    public Task<JsonElement> GetBuildAsync(string id, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"api/builds/{Uri.EscapeDataString(id)}", null, $"Reading build {id}", cancellationToken);

    public Task<JsonElement> ReportPushedAsync(string id, string? digest, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"api/builds/{Uri.EscapeDataString(id)}/pushed", new { digest }, $"Reporting build {id} pushed", cancellationToken);

    public Task<JsonElement> ReportFailedAsync(string id, string reason, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"api/builds/{Uri.EscapeDataString(id)}/failed", new { reason }, $"Reporting build {id} failed", cancellationToken);

    public Task<JsonElement> GetUsageAsync(string workspace, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"api/internal/workspaces/{Uri.EscapeDataString(workspace)}/registry-usage", null, $"Reading the usage of workspace {workspace}", cancellationToken);

    public Task<JsonElement> PreviewCleanupAsync(string workspace, long estimatedBytes, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"api/internal/workspaces/{Uri.EscapeDataString(workspace)}/cleanup-preview?estimatedBytes={estimatedBytes}", null, $"Previewing the cleanup of workspace {workspace}", cancellationToken);

    public Task<JsonElement> PutQuotaAsync(string workspace, object body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"api/internal/workspaces/{Uri.EscapeDataString(workspace)}/quota", body, $"Setting the quota of workspace {workspace}", cancellationToken);

    public Task<JsonElement> TrackImageAsync(object body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "api/internal/registry-images", body, "Tracking the image", cancellationToken);

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, string what, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new CliFailure(ExitCodes.Unreachable, $"{what}: cannot reach the service at {BaseAddress} ({exception.Message}). Is it running? Check --url or ORBIT_URL.");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliFailure(ExitCodes.Unreachable, $"{what}: the service at {BaseAddress} did not answer within {http.Timeout.TotalSeconds:0} s.");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await ServiceProblem.FromAsync(response, what, cancellationToken);
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (text.Length == 0)
            {
                return JsonSerializer.SerializeToElement(new { status = (int)response.StatusCode });
            }

            try
            {
                using var document = JsonDocument.Parse(text);
                return document.RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new CliFailure(ExitCodes.Failure, $"{what}: the service at {BaseAddress} answered {(int)response.StatusCode} with something that is not JSON; is --url the Orbit service?");
            }
        }
    }

    public void Dispose() => http.Dispose();
}
