namespace Orbit.Quota.Cleanup;

/// <summary>Why a plan keeps an image: every image it does not delete has exactly one of these.</summary>
public enum KeepReason
{
    /// <summary>One of its tags is <c>latest</c>: deployments pull it, so the app must never lose it.</summary>
    CarriesLatest,

    /// <summary>
    /// Another tag on the same digest is kept (within its app's newest tags, or its app's only tag). Deleting a
    /// manifest deletes every tag on it, so the old tag stays for as long as the kept one does.
    /// </summary>
    SharesDigestWithKeptTag,

    /// <summary>Every tag on it is among its app's newest (3, or 2 when the second pass ran): the policy keeps them.</summary>
    WithinNewest,

    /// <summary>Its app has no other tag, and no app loses its only tag.</summary>
    OnlyTagOfApp,

    /// <summary>Old enough to delete, but deleting older images brought usage to the target first.</summary>
    NotNeeded,
}
