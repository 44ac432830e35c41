using Azure;
using Azure.Data.Tables;
using Orbit.Registry.References;
using Orbit.Tenants.Registration;

namespace Orbit.Tenants.Storage;

/// <summary>
/// The tenants table: one row per tenant (partition = tenant id), written with optimistic concurrency so
/// that two instances handling the same tenant at once cannot both win.
/// </summary>
public sealed class TenantStore(TableClient table)
{
    private const string RowKey = "tenant";

    private readonly Lazy<Task> created = new(() => table.CreateIfNotExistsAsync());

    public string TableName => table.Name;

    public async Task<StoredTenant?> GetAsync(TenantId id, CancellationToken cancellationToken)
    {
        await created.Value;
        var row = await table.GetEntityIfExistsAsync<TableEntity>(id.Value, RowKey, cancellationToken: cancellationToken);
        return row.HasValue ? new StoredTenant(FromEntity(id, row.Value!), row.Value!.ETag) : null;
    }

    /// <summary>Adds a new tenant; false when a row for that id already exists.</summary>
    public async Task<bool> TryAddAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        await created.Value;
        try
        {
            await table.AddEntityAsync(ToEntity(tenant), cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Replaces the row if it is still at <paramref name="etag"/>; false when someone changed it first.</summary>
    public async Task<bool> TryReplaceAsync(Tenant tenant, ETag etag, CancellationToken cancellationToken)
    {
        await created.Value;
        try
        {
            await table.UpdateEntityAsync(ToEntity(tenant), etag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status is 412 or 404)
        {
            return false;
        }
    }

    private static TableEntity ToEntity(Tenant tenant) => new(tenant.Id.Value, RowKey)
    {
        ["State"] = tenant.State.ToString(),
        ["Repository"] = tenant.Repository.Value,
        ["CreatedAt"] = tenant.CreatedAt,
        ["DeletedAt"] = tenant.DeletedAt,
        ["KeyHash"] = tenant.KeyHash.Hex,
    };

    private static Tenant FromEntity(TenantId id, TableEntity row) => new(
        id,
        Enum.Parse<TenantState>(row.GetString("State") ?? nameof(TenantState.Deleted)),
        RepositoryName.Parse(row.GetString("Repository") ?? throw new InvalidDataException($"Tenant row {id} has no Repository.")),
        row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        row.GetDateTimeOffset("DeletedAt"),
        TenantKeyHash.FromHex(row.GetString("KeyHash") ?? throw new InvalidDataException($"Tenant row {id} has no KeyHash.")));
}
