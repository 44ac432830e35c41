using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Orbit.Testing;

namespace Orbit.Tenants.Tests.Integration;

/// <summary>
/// Deleting a deleted tenant's images on a real registry with token authentication: through the work queue, across a
/// registry outage, into the poison queue only when the attempts are spent, and by the orphan sweep for what the work
/// items missed. One fixture for the class; its tests run one after another, so stopping the registry disturbs no other.
/// </summary>
public sealed class TenantDeletionTests(TenantDeletionFixture fixture) : IClassFixture<TenantDeletionFixture>
{
    private static readonly TimeSpan Seconds = TimeSpan.FromSeconds(20);

    private TenantRegistryFixture Tenants => fixture.Tenants;

    [Fact]
    public async Task Deleting_a_tenant_removes_every_tag_of_its_repository_within_seconds_and_leaves_another_tenants_identical_image()
    {
        var (a, _) = await Tenants.NewTenantAsync();
        var (b, _) = await Tenants.NewTenantAsync();
        var repositoryA = Tenants.RepositoryOf(a);
        var repositoryB = Tenants.RepositoryOf(b);

        // The same bytes in both repositories: one digest, tagged in A and in B.
        var label = $"shared-{Guid.NewGuid():N}";
        var imageA = await fixture.PushAsync(repositoryA, "latest", seed: 11, label);
        var imageB = await fixture.PushAsync(repositoryB, "latest", seed: 11, label);
        Assert.Equal(imageA.Digest, imageB.Digest);
        await fixture.PushAsync(repositoryA, "v2", seed: 12);
        var token = await fixture.ServiceTokenAsync($"repository:{repositoryA}:pull,push");
        using (var pusher = new RegistryImagePusher(Tenants.Registry.Url, _ => token))
        {
            await pusher.TagAsync(imageA, "stable");
        }

        using var deleted = await Tenants.DeleteTenantAsync(a);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal("deleted", (await deleted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());

        // One manifest DELETE per digest, one after the other: the work item is done when the tag list is empty.
        await Eventually.ReturnsAsync(() => fixture.TagsAsync(repositoryA), tags => tags.Count == 0, Seconds, $"{repositoryA}'s tag list to be empty");
        Assert.Null(await fixture.HeadAsync(repositoryA, "latest"));
        Assert.Null(await fixture.HeadAsync(repositoryA, "stable"));
        Assert.Null(await fixture.HeadAsync(repositoryA, "v2"));
        Assert.Equal(imageB.Digest, await fixture.HeadAsync(repositoryB, "latest"));
        await LoggedAsync(Tenants.App, $"deleted {repositoryA}@{imageA.Digest} because tenant {a} was deleted");

        // Deleting again is answered alike and finds nothing left to delete.
        using var again = await Tenants.DeleteTenantAsync(a);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await LoggedAsync(Tenants.App, $"Tenant {a}: {repositoryA} has no tags");
        Assert.Equal(imageB.Digest, await fixture.HeadAsync(repositoryB, "latest"));
    }

    [Fact]
    public async Task Deletions_wait_out_a_registry_outage_behind_an_open_circuit_and_complete_when_it_returns_without_touching_the_poison_queue()
    {
        var tenants = new List<(string Id, string Repository)>();
        for (var seed = 0; seed < 3; seed++)
        {
            var (id, _) = await Tenants.NewTenantAsync();
            await fixture.PushAsync(Tenants.RepositoryOf(id), "latest", seed: 20 + seed);
            tenants.Add((id, Tenants.RepositoryOf(id)));
        }

        var poisonBefore = await TenantDeletionFixture.PeekAsync(fixture.PoisonQueue);
        await Tenants.Registry.StopAsync();
        try
        {
            foreach (var (id, _) in tenants)
            {
                using var deleted = await Tenants.DeleteTenantAsync(id);
                Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
            }

            // The work items fail and are redelivered while the registry is down, well inside their 8 attempts.
            await Eventually.ReturnsAsync(() => Task.FromResult(Tenants.App.Output), output => output.Contains($"failed on attempt 2 of {TenantDeletionFixture.MaxDequeueCount}", StringComparison.Ordinal), Seconds, "a second failed attempt");

            // The registry client's circuit breaker (opening after two failures in these settings) fails requests at once.
            await Eventually.ReturnsAsync(() => Task.FromResult(Tenants.App.Output), output => output.Contains("BrokenCircuitException", StringComparison.Ordinal), Seconds, "the circuit breaker to open");
            Assert.Equal(poisonBefore, await TenantDeletionFixture.PeekAsync(fixture.PoisonQueue));
        }
        finally
        {
            await Tenants.Registry.RestartAsync();
        }

        foreach (var (id, repository) in tenants)
        {
            await Eventually.ReturnsAsync(() => fixture.HeadAsync(repository, "latest"), digest => digest is null, TimeSpan.FromSeconds(30), $"{repository}:latest to be deleted after the outage");

            // The registry deletes the manifest first and then its tags, so the HEAD can answer 404 while the DELETE is still untagging.
            await Eventually.ReturnsAsync(() => fixture.TagsAsync(repository), tags => tags.Count == 0, TimeSpan.FromSeconds(30), $"{repository}'s tag list to be empty");
            Assert.DoesNotContain($"ALERT tenant {id}", Tenants.App.Output, StringComparison.Ordinal);
        }

        Assert.Equal(poisonBefore, await TenantDeletionFixture.PeekAsync(fixture.PoisonQueue));
    }

    [Fact]
    public async Task A_work_item_that_fails_every_attempt_goes_to_the_poison_queue_with_a_critical_alert_naming_the_tenant()
    {
        var (id, _) = await Tenants.NewTenantAsync();
        var repository = Tenants.RepositoryOf(id);
        await fixture.PushAsync(repository, "latest", seed: 30);

        await Tenants.Registry.StopAsync();
        try
        {
            using var deleted = await Tenants.DeleteTenantAsync(id);
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
            var poisoned = await Eventually.ReturnsAsync(
                () => TenantDeletionFixture.PeekAsync(fixture.PoisonQueue),
                messages => messages.Any(message => message.Contains(id, StringComparison.Ordinal)),
                TimeSpan.FromSeconds(60),
                $"{id}'s work item in the poison queue");
            Assert.Single(poisoned, message => message.Contains(id, StringComparison.Ordinal));
        }
        finally
        {
            await Tenants.Registry.RestartAsync();
        }

        await LoggedAsync(Tenants.App, $"ALERT tenant {id}");
        var output = Tenants.App.Output;
        var alert = output.IndexOf($"ALERT tenant {id}", StringComparison.Ordinal);
        Assert.True(alert > 0, "no alert naming the tenant");
        Assert.Contains("crit:", output[..alert][^200..], StringComparison.Ordinal);
        Assert.Contains($"in {TenantDeletionFixture.MaxDequeueCount} attempts", output[alert..], StringComparison.Ordinal);

        // The image is still there: the sweep (or an operator moving the message back) deletes it later.
        Assert.NotNull(await fixture.HeadAsync(repository, "latest"));
    }

    [Fact]
    public async Task A_work_item_for_an_active_tenant_deletes_nothing_and_reports_the_tags_that_must_stay()
    {
        var (id, _) = await Tenants.NewTenantAsync();
        var repository = Tenants.RepositoryOf(id);
        var image = await fixture.PushAsync(repository, "latest", seed: 40);

        await fixture.DeletionQueue.CreateIfNotExistsAsync();
        await fixture.DeletionQueue.SendMessageAsync(JsonSerializer.Serialize(new { tenantId = id, requestedAt = DateTimeOffset.UtcNow }));

        await Eventually.ReturnsAsync(() => Task.FromResult(Tenants.App.Output), output => output.Contains($"Tenant {id}: kept {repository}@{image.Digest}", StringComparison.Ordinal), Seconds, "the kept report");
        Assert.Contains($"tenant {id} is active: tag(s) latest of {repository} must stay", Tenants.App.Output, StringComparison.Ordinal);
        Assert.Equal(image.Digest, await fixture.HeadAsync(repository, "latest"));
    }

    [Fact]
    public async Task A_work_item_with_a_malformed_tenant_id_ends_in_the_poison_queue_with_the_reason_logged()
    {
        var bad = $"Not_A_Tenant_{Guid.NewGuid():N}";
        await fixture.DeletionQueue.CreateIfNotExistsAsync();
        await fixture.DeletionQueue.SendMessageAsync(JsonSerializer.Serialize(new { tenantId = bad, requestedAt = DateTimeOffset.UtcNow }));

        await Eventually.ReturnsAsync(() => TenantDeletionFixture.PeekAsync(fixture.PoisonQueue), messages => messages.Any(message => message.Contains(bad, StringComparison.Ordinal)), Seconds, "the malformed work item in the poison queue");
        await LoggedAsync(Tenants.App, $"'{bad}' is not a tenant id");
    }

    [Fact]
    public async Task The_dry_run_lists_orphans_with_why_and_deletes_nothing_and_the_timed_sweep_deletes_them_within_its_budget_and_pace()
    {
        // Never registered: an image in a tenant repository nobody owns.
        var unknown = TenantRegistryFixture.NewTenantId();
        var unknownRepository = Tenants.RepositoryOf(unknown);
        var unknownImage = await fixture.PushAsync(unknownRepository, "latest", seed: 50);

        // A deletion whose work item was lost: marked deleted in the table, nothing queued.
        var (lost, _) = await Tenants.NewTenantAsync();
        var lostRepository = Tenants.RepositoryOf(lost);
        var lostImage = await fixture.PushAsync(lostRepository, "latest", seed: 51);
        var row = (await Tenants.TenantsTable.GetEntityAsync<TableEntity>(lost, "tenant")).Value;
        row["State"] = "Deleted";
        row["DeletedAt"] = DateTimeOffset.UtcNow;
        await Tenants.TenantsTable.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        var (active, _) = await Tenants.NewTenantAsync();
        var activeRepository = Tenants.RepositoryOf(active);
        var activeImage = await fixture.PushAsync(activeRepository, "latest", seed: 52);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/tenants/orphans");
        request.Headers.Add("x-functions-key", TenantRegistryFixture.MasterKey);
        using var response = await Tenants.App.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var orphans = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orphans").EnumerateArray().ToList();
        var unknownOrphan = Assert.Single(orphans, orphan => orphan.GetProperty("repository").GetString() == unknownRepository);
        Assert.Equal("unknown", unknownOrphan.GetProperty("tenantState").GetString());
        Assert.Equal(unknownImage.Digest, unknownOrphan.GetProperty("digest").GetString());
        Assert.Equal(["latest"], unknownOrphan.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
        Assert.Contains($"no tenant {unknown} is registered", unknownOrphan.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var lostOrphan = Assert.Single(orphans, orphan => orphan.GetProperty("repository").GetString() == lostRepository);
        Assert.Equal("deleted", lostOrphan.GetProperty("tenantState").GetString());
        Assert.Contains($"tenant {lost} was deleted", lostOrphan.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(orphans, orphan => orphan.GetProperty("repository").GetString() == activeRepository);

        // Repositories emptied earlier stay in _catalog but hold no tags: never reported.
        Assert.All(orphans, orphan => Assert.NotEmpty(orphan.GetProperty("tags").EnumerateArray()));

        // The dry run deleted nothing.
        Assert.Equal(unknownImage.Digest, await fixture.HeadAsync(unknownRepository, "latest"));
        Assert.Equal(lostImage.Digest, await fixture.HeadAsync(lostRepository, "latest"));

        // A third orphan, so that one run's budget of two cannot cover them all.
        var another = TenantRegistryFixture.NewTenantId();
        var anotherRepository = Tenants.RepositoryOf(another);
        var anotherImage = await fixture.PushAsync(anotherRepository, "latest", seed: 53);

        // The timer sweep, every 2 s in an instance of its own: at most two deletions per run, one every two seconds within a
        // run. The pace is read off the registry (when each image is gone), not the log's times: the worker's log lines reach
        // the host's log in batches. The log says which run deleted what.
        var orphaned = new[] { (unknownRepository, unknownImage), (lostRepository, lostImage), (anotherRepository, anotherImage) };
        var beforeTheSweep = DateTimeOffset.UtcNow;
        await using (var sweeper = await Tenants.StartAppAsync("tenants-sweeper", new Dictionary<string, string?>
        {
            ["AzureFunctionsWebHost__hostid"] = TestNames.HostId("sweeper"),
            ["Tenants__OrphanSweepSchedule"] = "*/2 * * * * *",
            ["Tenants__OrphanSweepMaxDeletions"] = "2",
            ["Tenants__OrphanSweepDeletionsPerSecond"] = "0.5",
        }))
        {
            var goneAt = await Task.WhenAll(orphaned.Select(orphan => GoneAtAsync(orphan.Item1, beforeTheSweep, TimeSpan.FromSeconds(60))));
            var gone = orphaned.Select((orphan, index) => (Repository: orphan.Item1.ToString()!, At: goneAt[index])).ToDictionary(pair => pair.Repository, pair => pair.At);
            foreach (var (repository, image) in orphaned)
            {
                await LoggedAsync(sweeper, $"Orphan sweep: deleted {repository}@{image.Digest} because");
            }

            await LoggedAsync(sweeper, "left for the next run");
            var runs = SweepRuns(sweeper.Output);
            Assert.Contains(runs, run => run.Deleted == 2 && run.Deferred >= 1);
            Assert.All(runs, run => Assert.InRange(run.Deleted, 0, 2));
            // A deletion happened after the last HEAD that still found its image began and before the first HEAD that found it
            // gone ended, so two deletions were at most this far apart; a late poll (under load) can only widen the bound.
            Assert.All(runs.Where(run => run.Repositories.Count == 2), run =>
            {
                var (first, second) = (gone[run.Repositories[0]], gone[run.Repositories[1]]);
                var widest = new[] { second.GoneBy - first.LastSeen, first.GoneBy - second.LastSeen }.Max();
                Assert.True(widest >= TimeSpan.FromSeconds(1.8), $"two deletions of one run at most {widest.TotalMilliseconds:0} ms apart");
            });
        }

        Assert.Empty(await fixture.TagsAsync(unknownRepository));
        Assert.Empty(await fixture.TagsAsync(lostRepository));
        Assert.Empty(await fixture.TagsAsync(anotherRepository));
        Assert.Equal(activeImage.Digest, await fixture.HeadAsync(activeRepository, "latest"));
    }

    [Fact]
    public async Task Bad_requests_to_the_deletion_endpoints_are_problems_and_write_or_queue_nothing()
    {
        var (tenant, _) = await Tenants.NewTenantAsync();
        var unknown = TenantRegistryFixture.NewTenantId();
        var rowsBefore = await Tenants.TenantRowsAsync();
        var queuedBefore = await TenantDeletionFixture.PeekAsync(fixture.DeletionQueue);

        await ProblemAssertions.AssertProblemAsync(await SendAsync(HttpMethod.Delete, "/api/tenants/Not_A_Tenant", TenantRegistryFixture.MasterKey), HttpStatusCode.BadRequest);
        await ProblemAssertions.AssertProblemAsync(await SendAsync(HttpMethod.Delete, $"/api/tenants/{unknown}", TenantRegistryFixture.MasterKey), HttpStatusCode.NotFound);
        await ProblemAssertions.AssertProblemAsync(await SendAsync(HttpMethod.Delete, $"/api/tenants/{tenant}", null), HttpStatusCode.Unauthorized);
        await ProblemAssertions.AssertProblemAsync(await SendAsync(HttpMethod.Delete, $"/api/tenants/{tenant}", TenantDeletionFixture.FunctionKey), HttpStatusCode.Unauthorized);
        await ProblemAssertions.AssertProblemAsync(await SendAsync(HttpMethod.Delete, $"/api/tenants/{tenant}", "wrong-key"), HttpStatusCode.Unauthorized);
        await ProblemAssertions.AssertProblemAsync(await SendAsync(HttpMethod.Get, "/api/tenants/orphans", null), HttpStatusCode.Unauthorized);
        await ProblemAssertions.AssertProblemAsync(await SendAsync(HttpMethod.Get, "/api/tenants/orphans", TenantDeletionFixture.FunctionKey), HttpStatusCode.Unauthorized);
        var problem = await ProblemAssertions.AssertProblemAsync(await SendAsync(HttpMethod.Get, "/api/tenants/orphans?dryRun=false", TenantRegistryFixture.MasterKey), HttpStatusCode.BadRequest);
        Assert.Contains("dryRun", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.Equal(rowsBefore, await Tenants.TenantRowsAsync());
        Assert.Equal(queuedBefore, await TenantDeletionFixture.PeekAsync(fixture.DeletionQueue));
        Assert.DoesNotContain($"Tenant {unknown}", Tenants.App.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_service_identity_may_list_the_catalog_and_a_tenant_may_not()
    {
        var (tenant, key) = await Tenants.NewTenantAsync();

        var serviceToken = await fixture.ServiceTokenAsync("registry:catalog:*");
        Assert.Equal(["*"], JwtPayload.ActionsFor(serviceToken, "registry", "catalog"));
        using var listed = await Tenants.RegistryRequestAsync(HttpMethod.Get, "/v2/_catalog", serviceToken);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);

        var tenantToken = await Tenants.TokenAsync(tenant, key, "registry:catalog:*");
        Assert.Equal([], JwtPayload.ActionsFor(tenantToken, "registry", "catalog"));
        using var refused = await Tenants.RegistryRequestAsync(HttpMethod.Get, "/v2/_catalog", tenantToken);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    /// <summary>Each run of the sweep from the log: the repositories it deleted from, in order, and its summary's counts.</summary>
    private static IReadOnlyList<(int Deleted, int Deferred, IReadOnlyList<string> Repositories)> SweepRuns(string output)
    {
        var runs = new List<(int, int, IReadOnlyList<string>)>();
        var repositories = new List<string>();
        foreach (var line in output.Split('\n'))
        {
            var deleted = System.Text.RegularExpressions.Regex.Match(line, @"Orphan sweep: deleted ([^@\s]+)@");
            if (deleted.Success)
            {
                repositories.Add(deleted.Groups[1].Value);
            }

            var summary = System.Text.RegularExpressions.Regex.Match(line, @"(\d+) orphaned manifests deleted, (\d+) left for the next run");
            if (summary.Success)
            {
                runs.Add((int.Parse(summary.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(summary.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), repositories));
                repositories = [];
            }
        }

        return runs;
    }

    /// <summary>When the repository's image is gone from the registry, to within the 50 ms this polls at.</summary>
    /// <summary>
    /// When the image was last seen (the start of the last HEAD that found it, or <paramref name="present"/>, a time it surely
    /// existed) and seen gone (the end of the first HEAD that did not find it).
    /// </summary>
    private async Task<(DateTimeOffset LastSeen, DateTimeOffset GoneBy)> GoneAtAsync(string repository, DateTimeOffset present, TimeSpan patience)
    {
        var deadline = DateTimeOffset.UtcNow + patience;
        var lastSeen = present;
        while (true)
        {
            var asked = DateTimeOffset.UtcNow;
            if (await fixture.HeadAsync(repository, "latest") is null)
            {
                return (lastSeen, DateTimeOffset.UtcNow);
            }

            lastSeen = asked;
            Assert.True(DateTimeOffset.UtcNow < deadline, $"the sweep did not delete {repository}'s image within {patience}");
            await Task.Delay(50);
        }
    }

    /// <summary>Log lines reach the test through the process's output a moment after what they report.</summary>
    private static Task LoggedAsync(FunctionHostProcess app, string text) =>
        Eventually.ReturnsAsync(() => Task.FromResult(app.Output), output => output.Contains(text, StringComparison.Ordinal), Seconds, $"'{text}' in the app's log");

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        return await Tenants.App.Http.SendAsync(request);
    }
}
