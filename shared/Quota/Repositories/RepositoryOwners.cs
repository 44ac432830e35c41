using Azure.Data.Tables;
using Orbit.Quota.Workspaces;
using Orbit.Registry.References;

namespace Orbit.Quota.Repositories;

/// <summary>
/// Which workspace and app a repository belongs to: an explicit row (written whenever the build system
/// tracks an image with its workspace and app), else the convention <c>&lt;workspace&gt;/…/&lt;app&gt;</c>:
/// first path segment the workspace id, last the app. Rows live in the usage table's <c>~repositories</c>
/// partition, which no workspace id can name.
/// </summary>
public sealed class RepositoryOwners(TableClient table)
{
    private const string Partition = "~repositories";
    private readonly Lazy<Task> created = new(() => table.CreateIfNotExistsAsync());

    public async Task<RepositoryOwner?> FindAsync(RepositoryName repository, CancellationToken cancellationToken)
    {
        await created.Value;
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Key(repository), cancellationToken: cancellationToken);
        if (row.HasValue && WorkspaceId.TryParse(row.Value!.GetString("WorkspaceId"), out var mapped))
        {
            return new RepositoryOwner(mapped, row.Value.GetString("AppId") ?? string.Empty);
        }

        return ByConvention(repository);
    }

    public async Task SetAsync(RepositoryName repository, RepositoryOwner owner, CancellationToken cancellationToken)
    {
        await created.Value;
        await table.UpsertEntityAsync(new TableEntity(Partition, Key(repository))
        {
            ["Repository"] = repository.Value,
            ["WorkspaceId"] = owner.WorkspaceId.Value,
            ["AppId"] = owner.AppId,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public static RepositoryOwner? ByConvention(RepositoryName repository)
    {
        var segments = repository.Value.Split('/');
        return segments.Length >= 2 && WorkspaceId.TryParse(segments[0], out var workspace) && RepositoryOwner.IsValidAppId(segments[^1])
            ? new RepositoryOwner(workspace, segments[^1])
            : null;
    }

    private static string Key(RepositoryName repository) => repository.Value.Replace('/', '!');
}
