using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orbit.Registry.Client;
using Orbit.Registry.References;

namespace Orbit.Registry.Tests.Integration;

[Collection(TokenRegistryCollection.Name)]
public sealed class TokenAuthenticationTests(TokenRegistryFixture fixture)
{
    [Fact]
    public async Task The_client_answers_the_bearer_challenge_and_reuses_each_scopes_token()
    {
        using var pusher = fixture.Pusher();
        var repository = RegistryFixture.Repository("token");
        var image = await pusher.PushImageAsync(repository, "v1", [Orbit.Testing.RegistryImagePusher.Layer(61, 200)]);
        using var services = fixture.Services(TokenRegistryFixture.User, TokenRegistryFixture.Password);
        var client = services.GetRequiredService<RegistryClient>();
        var name = RepositoryName.Parse(repository);
        var before = fixture.Tokens.RequestedScopes.Count;

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(image.Digest, (await client.HeadManifestAsync(name, Tag.Parse("v1"), CancellationToken.None))?.Digest.Value);
        }

        Assert.Equal(image.SizeBytes, (await client.GetImageBlobsAsync(name, Tag.Parse("v1"), CancellationToken.None))?.TotalBytes);
        Assert.Equal(["v1"], await client.ListTagsAsync(name, 10, CancellationToken.None).Select(tag => tag.Value).ToListAsync());
        Assert.Contains(repository, await client.ListRepositoriesAsync(100, CancellationToken.None).Select(r => r.Value).ToListAsync());
        Assert.True(await client.DeleteManifestAsync(name, Digest.Parse(image.Digest), CancellationToken.None));

        var scopes = fixture.Tokens.RequestedScopes.Skip(before).ToList();
        Assert.Equal(1, scopes.Count(scope => scope == $"repository:{repository}:pull"));
        Assert.Contains($"repository:{repository}:delete", scopes);
        Assert.Contains("registry:catalog:*", scopes);
    }

    [Fact]
    public async Task Wrong_credentials_fail_with_a_message_that_names_the_settings_and_not_the_password()
    {
        var name = RepositoryName.Parse(RegistryFixture.Repository("denied"));
        using var services = fixture.Services(TokenRegistryFixture.User, "wrong-password-value");

        var error = await Assert.ThrowsAsync<RegistryException>(() => services.GetRequiredService<RegistryClient>().HeadManifestAsync(name, Tag.Parse("v1"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Contains("Registry:Username", error.Message);
        Assert.DoesNotContain("wrong-password-value", error.Message);
    }

    [Fact]
    public async Task A_token_without_the_delete_action_leaves_the_manifest_and_says_so()
    {
        using var pusher = fixture.Pusher();
        var repository = RegistryFixture.Repository("readonly");
        var image = await pusher.PushImageAsync(repository, "v1", [Orbit.Testing.RegistryImagePusher.Layer(62, 200)]);
        using var services = fixture.Services("reader", "reader-password");
        var client = services.GetRequiredService<RegistryClient>();

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.DeleteManifestAsync(RepositoryName.Parse(repository), Digest.Parse(image.Digest), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.NotNull(await client.HeadManifestAsync(RepositoryName.Parse(repository), Tag.Parse("v1"), CancellationToken.None));
    }
}
