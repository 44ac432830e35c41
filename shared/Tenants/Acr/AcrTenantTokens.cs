using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orbit.Tenants.Layout;
using Orbit.Tenants.Passwords;
using Orbit.Tenants.Registration;

namespace Orbit.Tenants.Acr;

/// <summary>
/// Tenant credentials on Azure Container Registry, which trusts only its own tokens: per tenant a scope map
/// granting read and write on the tenant's repository alone, a token bound to it, and a fresh short-lived
/// password for that token, all through the ARM REST API. Creating the scope map and token on every call keeps
/// them right after a manual change and costs two idempotent PUTs. Deleting a tenant deletes both, which ends its
/// passwords at once instead of when they expire.
/// </summary>
public sealed class AcrTenantTokens(
    HttpClient http,
    IOptions<AcrOptions> options,
    IOptions<RegistryAuthOptions> auth,
    TenantImageLayout layout,
    TimeProvider time,
    ILogger<AcrTenantTokens> logger) : ITenantRegistryCredentials
{
    // ACR names scope maps and tokens with 5 to 50 letters, digits and hyphens.
    private const int MaxNameLength = 50;
    private const string PasswordName = "password1";

    public async Task<TenantRegistryCredential> IssueAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        try
        {
            return await IssueWithArmAsync(tenant, cancellationToken);
        }
        catch (AcrRequestFailedException failure)
        {
            // The operator's record: ARM's message names the subscription and the service's identity, which the tenant's answer leaves out.
            logger.LogError("ACR could not issue credentials for tenant {Tenant}: ARM answered {Status} {Code}: {Message}",
                tenant.Id.Value, (int)failure.Status, failure.ErrorCode, failure.ErrorMessage);
            throw;
        }
    }

    public async Task RevokeAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.OperationTimeout);
        var name = NameFor(tenant);
        try
        {
            // The token first: ACR refuses to delete a scope map a token still uses.
            await DeleteAsync($"{RegistryResourceId}/tokens/{name}", timeout.Token);
            await DeleteAsync($"{RegistryResourceId}/scopeMaps/{name}", timeout.Token);
        }
        catch (AcrRequestFailedException failure)
        {
            logger.LogError("ACR could not delete the token and scope map of deleted tenant {Tenant}: ARM answered {Status} {Code}: {Message}",
                tenant.Value, (int)failure.Status, failure.ErrorCode, failure.ErrorMessage);
            throw;
        }

        logger.LogInformation("Deleted the ACR token and scope map {Name} of deleted tenant {Tenant}: its passwords no longer work.", name, tenant.Value);
    }

    private async Task<TenantRegistryCredential> IssueWithArmAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.OperationTimeout);
        var token = timeout.Token;

        var name = NameFor(tenant.Id);
        var scopeMapId = $"{RegistryResourceId}/scopeMaps/{name}";
        var tokenId = $"{RegistryResourceId}/tokens/{name}";
        var repository = tenant.Repository.Value;

        await PutAsync(scopeMapId, new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["description"] = $"Orbit tenant {tenant.Id.Value}: pull and push of {repository} only.",
                ["actions"] = new JsonArray($"repositories/{repository}/content/read", $"repositories/{repository}/content/write"),
            },
        }, token);
        await PutAsync(tokenId, new JsonObject
        {
            ["properties"] = new JsonObject { ["scopeMapId"] = scopeMapId, ["status"] = "enabled" },
        }, token);

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds((time.GetUtcNow() + auth.Value.PasswordLifetime).ToUnixTimeSeconds());
        var generated = await GenerateCredentialsAsync(new JsonObject
        {
            ["tokenId"] = tokenId,
            ["expiry"] = expiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["name"] = PasswordName,
        }, token);

        var password = generated.Passwords?.FirstOrDefault(candidate => candidate.Name == PasswordName)?.Value
            ?? throw new AcrRequestFailedException(HttpStatusCode.BadGateway, null, $"generateCredentials for token '{name}' returned no {PasswordName}.");
        logger.LogInformation("Issued an ACR token password for tenant {Tenant} (token {Token}), good until {ExpiresAt:O}.", tenant.Id.Value, name, expiresAt);
        return new TenantRegistryCredential(options.Value.EffectiveLoginServer, generated.Username ?? name, password, repository, layout.Tag.Value, expiresAt);
    }

    /// <summary>The scope map's and token's name: <c>tenant-&lt;id&gt;</c>, shortened with a hash where ACR's limit demands.</summary>
    public static string NameFor(TenantId tenant)
    {
        var name = $"tenant-{tenant.Value}";
        if (name.Length <= MaxNameLength)
        {
            return name;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tenant.Value)))[..8];
        return $"{name[..(MaxNameLength - hash.Length - 1)].TrimEnd('-')}-{hash}";
    }

    private string RegistryResourceId
    {
        get
        {
            var acr = options.Value;
            return $"/subscriptions/{acr.SubscriptionId}/resourceGroups/{acr.ResourceGroup}/providers/Microsoft.ContainerRegistry/registries/{acr.RegistryName}";
        }
    }

    private Uri ArmUri(string resourcePath) => new(options.Value.ManagementEndpoint, $"{resourcePath}?api-version={Uri.EscapeDataString(options.Value.ApiVersion)}");

    private async Task PutAsync(string resourceId, JsonObject body, CancellationToken cancellationToken)
    {
        using var response = await http.PutAsJsonAsync(ArmUri(resourceId), body, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        if (response.Headers.TryGetValues("Azure-AsyncOperation", out var operation))
        {
            await AwaitOperationAsync(new Uri(operation.First()), response, cancellationToken);
        }
    }

    /// <summary>Deletes an ARM resource and waits for the deletion to finish; one that is already gone (204 or 404) is done.</summary>
    private async Task DeleteAsync(string resourceId, CancellationToken cancellationToken)
    {
        using var response = await http.DeleteAsync(ArmUri(resourceId), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        if (response.Headers.TryGetValues("Azure-AsyncOperation", out var operation))
        {
            await AwaitOperationAsync(new Uri(operation.First()), response, cancellationToken);
            return;
        }

        // 202 without an operation: Location answers 202 until the resource is gone.
        if (response.StatusCode == HttpStatusCode.Accepted && response.Headers.Location is { } location)
        {
            using var gone = await PollLocationAsync(location, response, cancellationToken);
        }
    }

    private async Task<GeneratedCredentials> GenerateCredentialsAsync(JsonObject body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(ArmUri($"{RegistryResourceId}/generateCredentials"), body, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return await ReadAsync<GeneratedCredentials>(response, cancellationToken);
        }

        // 202: the result is at Location once the operation (if ARM also names one) has succeeded.
        if (response.Headers.TryGetValues("Azure-AsyncOperation", out var operation))
        {
            await AwaitOperationAsync(new Uri(operation.First()), response, cancellationToken);
        }

        var location = response.Headers.Location
            ?? throw new AcrRequestFailedException(HttpStatusCode.BadGateway, null, $"generateCredentials answered {(int)response.StatusCode} without a Location to fetch the result from.");
        using var result = await PollLocationAsync(location, response, cancellationToken);
        return await ReadAsync<GeneratedCredentials>(result, cancellationToken);
    }

    /// <summary>ARM's Location polling: GETs it, waiting as asked, until it stops answering 202; the caller disposes that final answer.</summary>
    private async Task<HttpResponseMessage> PollLocationAsync(Uri location, HttpResponseMessage started, CancellationToken cancellationToken)
    {
        var delay = PollDelay(started);
        while (true)
        {
            await Task.Delay(delay, time, cancellationToken);
            var response = await http.GetAsync(location, cancellationToken);
            if (response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.Accepted)
            {
                return response;
            }

            using (response)
            {
                await EnsureSuccessAsync(response, cancellationToken);
                delay = PollDelay(response);
            }
        }
    }

    private async Task AwaitOperationAsync(Uri operation, HttpResponseMessage started, CancellationToken cancellationToken)
    {
        var delay = PollDelay(started);
        while (true)
        {
            await Task.Delay(delay, time, cancellationToken);
            using var response = await http.GetAsync(operation, cancellationToken);
            await EnsureSuccessAsync(response, cancellationToken);
            var status = await ReadAsync<OperationStatus>(response, cancellationToken);
            switch (status.Status)
            {
                case "Succeeded":
                    return;
                case "Failed" or "Canceled":
                    throw new AcrRequestFailedException(HttpStatusCode.BadGateway, status.Error?.Code, status.Error?.Message ?? $"The operation ended {status.Status}.");
            }

            delay = PollDelay(response);
        }
    }

    private TimeSpan PollDelay(HttpResponseMessage response)
    {
        var acr = options.Value;
        var asked = response.Headers.RetryAfter?.Delta ?? acr.PollInterval;
        return asked < acr.MaxPollInterval ? asked : acr.MaxPollInterval;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        ArmError? error = null;
        try
        {
            error = (await response.Content.ReadFromJsonAsync<ArmErrorResponse>(cancellationToken))?.Error;
        }
        catch (JsonException)
        {
            // Gateways in front of ARM answer with HTML; the status says enough then.
        }

        throw new AcrRequestFailedException(response.StatusCode, error?.Code, error?.Message ?? response.ReasonPhrase ?? "no error body");
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync<T>(cancellationToken)
            ?? throw new AcrRequestFailedException(HttpStatusCode.BadGateway, null, $"ARM answered {(int)response.StatusCode} with an empty body.");
}
