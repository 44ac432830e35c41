using Orbit.Hosts.Users;

namespace Orbit.Hosts.Tests.Users;

public sealed class PasswdFileTests
{
    private const string Passwd = """
        root:x:0:0:root:/root:/bin/bash
        # a comment
        toor:x:0:0:second root:/root:/bin/sh

        daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
        alice:x:1001:1001:Alice,,,:/home/alice:/bin/bash
        broken line without colons
        bob:x:notanumber:1002::/home/bob:/bin/bash
        carol:x:1003:1003::/home/carol:/bin/zsh
        """;

    [Fact]
    public void Maps_uids_to_the_first_name_listed()
    {
        var users = PasswdFile.Parse(Passwd);

        Assert.Equal("root", users.NameOf(0));
        Assert.Equal("alice", users.NameOf(1001));
        Assert.Equal("carol", users.NameOf(1003));
        Assert.Equal(4, users.NamesByUid.Count);
    }

    [Fact]
    public void Unknown_uid_is_named_by_its_number() => Assert.Equal("uid:1002", PasswdFile.Parse(Passwd).NameOf(1002));
}
