using System.Globalization;

namespace Orbit.Hosts.Users;

/// <summary>
/// The host's users by uid, from its local passwd file (the seed's decision: no LDAP). A uid missing from it is named
/// "uid:&lt;n&gt;" rather than left unattributed, so its usage is still shown and can still be given a limit.
/// </summary>
public sealed class LocalUsers(IReadOnlyDictionary<long, string> namesByUid)
{
    public static LocalUsers None { get; } = new(new Dictionary<long, string>());

    public IReadOnlyDictionary<long, string> NamesByUid { get; } = namesByUid;

    public string NameOf(long uid) =>
        NamesByUid.TryGetValue(uid, out var name) ? name : "uid:" + uid.ToString(CultureInfo.InvariantCulture);
}
