using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Orbit.Functions.Dashboard;

/// <summary>
/// Data Protection's key ring in the app's blob storage, one blob per key, so every instance of the app signs and
/// reads sessions with the same keys. A key is written once under a name of its own and never changed, so writers
/// cannot collide.
/// </summary>
public sealed class BlobXmlRepository(BlobContainerClient container) : IXmlRepository
{
    private const string Prefix = "keys/";

    private readonly Lazy<bool> created = new(() =>
    {
        container.CreateIfNotExists();
        return true;
    });

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        _ = created.Value;
        var elements = new List<XElement>();
        foreach (var blob in container.GetBlobs(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, Prefix, CancellationToken.None))
        {
            try
            {
                using var stream = container.GetBlobClient(blob.Name).OpenRead();
                elements.Add(XElement.Load(stream));
            }
            catch (RequestFailedException exception) when (exception.Status == 404)
            {
                // Deleted between the listing and the read.
            }
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        _ = created.Value;
        using var content = new MemoryStream();
        element.Save(content);
        content.Position = 0;
        container.GetBlobClient($"{Prefix}{friendlyName}.xml").Upload(content, overwrite: true);
    }
}
