namespace Orbit.Quota.Cleanup;

/// <summary>Why an image that was old enough to be deleted was kept anyway.</summary>
public enum KeepReason
{
    /// <summary>One of its tags is <c>latest</c>: deployments pull it, so the app must never lose it.</summary>
    CarriesLatest,

    /// <summary>
    /// Another tag on the same digest is kept (within its app's newest tags, or its app's only tag). Deleting a
    /// manifest deletes every tag on it, so the old tag stays for as long as the kept one does.
    /// </summary>
    SharesDigestWithKeptTag,
}
