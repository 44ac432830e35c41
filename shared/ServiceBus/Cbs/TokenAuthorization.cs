using Azure.Core;
using Microsoft.Extensions.Logging;

namespace Orbit.ServiceBus.Cbs;

/// <summary>
/// Signs a connection in with an Entra ID token: gets the token from the credential, puts it to the connection's
/// <c>$cbs</c> node before the receiver attaches, and keeps putting a fresh one before it expires
/// (<see cref="TokenRenewal"/>) while the connection lives. A renewal that fails marks the connection lost, so the
/// listener reconnects and signs in again.
/// </summary>
internal sealed class TokenAuthorization(TokenCredential credential, string audience, TimeProvider time, ILogger logger, string listenerName)
{
    private static readonly TimeSpan RenewalTimeout = TimeSpan.FromMinutes(2);
    private static readonly TokenRequestContext TokenRequest = new([EntraIdSignIn.Scope]);

    public string Audience => audience;

    /// <summary>A token, asked for before connecting so a sign-in that cannot succeed holds no connection open.</summary>
    public async Task<AccessToken> GetTokenAsync(CancellationToken cancellationToken) => await credential.GetTokenAsync(TokenRequest, cancellationToken);

    /// <summary>Opens the <c>$cbs</c> links on <paramref name="connection"/> and puts <paramref name="token"/> there.</summary>
    public async Task<CbsLink> AuthorizeAsync(ReceiverConnection connection, string linkName, AccessToken token, CancellationToken cancellationToken)
    {
        var cbs = await CbsLink.OpenAsync(connection, linkName, cancellationToken);
        await cbs.PutTokenAsync(audience, token.Token, cancellationToken);
        return cbs;
    }

    /// <summary>Renews the token on <paramref name="cbs"/> until <paramref name="connection"/> closes; never throws.</summary>
    public async Task KeepRenewingAsync(ReceiverConnection connection, CbsLink cbs, AccessToken token)
    {
        var lifetime = connection.Lifetime;
        try
        {
            while (true)
            {
                var now = time.GetUtcNow();
                await Task.Delay(TokenRenewal.At(token.ExpiresOn, now) - now, time, lifetime);
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(lifetime);
                attempt.CancelAfter(RenewalTimeout);
                try
                {
                    token = await GetTokenAsync(attempt.Token);
                    await cbs.PutTokenAsync(audience, token.Token, attempt.Token);
                }
                catch (OperationCanceledException) when (!lifetime.IsCancellationRequested)
                {
                    throw new TimeoutException($"no answer within {RenewalTimeout.TotalMinutes:0} minutes");
                }

                logger.LogInformation("{Listener}: renewed the Entra ID token for {Audience}; valid until {ExpiresOn:u}, renewing at {RenewAt:u}.",
                    listenerName, audience, token.ExpiresOn, TokenRenewal.At(token.ExpiresOn, time.GetUtcNow()));
            }
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            // The connection is gone; the next one signs in afresh.
        }
        catch (Exception exception)
        {
            connection.Fail($"the Entra ID token for {audience} could not be renewed: {exception.Message}");
        }
    }
}
