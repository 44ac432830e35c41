using System.Net.Http.Json;
using Orbit.Quota.Tests.Integration;
using Orbit.Testing;

namespace Orbit.Quota.Tests.Builds;

/// <summary>
/// A workspace of <c>apps</c> x <c>tags</c> images tracked oldest first, sharing layers the way real images
/// do (one base layer for all, one layer per app, one per tag), with its quota set so usage is at
/// <c>percent</c>. The first app's oldest image is also tagged <c>latest</c>, which cleanup must keep.
/// </summary>
public sealed record SeededWorkspace(string Id, IReadOnlyList<PushedImage> Images, long QuotaBytes, long UsedBytes)
{
    public static string Repository(string workspace, int app) => $"{workspace}/app{app}";

    public static async Task<SeededWorkspace> CreateAsync(FunctionAppFixture fixture, int apps = 10, int tags = 6, double percent = 85)
    {
        var id = FunctionAppFixture.NewWorkspace();
        await fixture.CreateWorkspaceAsync(id, 1L << 40);
        using var pusher = fixture.Pusher();
        var images = new List<PushedImage>();
        var seed = Math.Abs(id.GetHashCode());
        var baseLayer = RegistryImagePusher.Layer(seed, 48 * 1024);
        for (var tag = 1; tag <= tags; tag++)
        {
            for (var app = 0; app < apps; app++)
            {
                var appLayer = RegistryImagePusher.Layer(seed + 1 + app, 16 * 1024);
                var tagLayer = RegistryImagePusher.Layer(seed + 1000 + (app * 100) + tag, (4 + ((app * 7 + tag * 3) % 13)) * 1024);
                var image = await pusher.PushImageAsync(Repository(id, app), $"1.{tag}", [baseLayer, appLayer, tagLayer]);
                images.Add(image);
                if (app == 0 && tag == 1)
                {
                    await pusher.TagAsync(image, "latest");
                }

                await TrackAsync(fixture, id, app, $"1.{tag}");
                if (app == 0 && tag == 1)
                {
                    await TrackAsync(fixture, id, app, "latest");
                }
            }
        }

        var used = (await fixture.UsageAsync(id)).CurrentBytes;
        var quota = (long)Math.Ceiling(used / (percent / 100));
        await fixture.CreateWorkspaceAsync(id, quota);
        return new SeededWorkspace(id, images, quota, used);
    }

    private static async Task TrackAsync(FunctionAppFixture fixture, string workspace, int app, string tag)
    {
        using var response = await fixture.TrackAsync(workspace, $"app{app}", Repository(workspace, app), tag);
        Assert.True(response.IsSuccessStatusCode, $"tracking app{app}:{tag}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The images of each app, newest last, as pushed.</summary>
    public IEnumerable<IGrouping<string, PushedImage>> ByApp => Images.GroupBy(image => image.Repository);
}
