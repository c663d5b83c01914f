using System.Text;

namespace AsfQuart.Tests.Ldap;

/// <summary>A user of the test directory, with the password stored in its entry.</summary>
public sealed record LdapTestUser(string Uid, string Password);

/// <summary>
/// The test tree: people, committee and project groups (groupOfNames with owner and member), and
/// the groups that grant the member, chair and root flags.
/// </summary>
public static class LdapTestDirectory
{
    public const string PeopleBase = "ou=people," + SlapdServer.Suffix;
    public const string GroupBase = "ou=project,ou=groups," + SlapdServer.Suffix;
    public const string MemberGroup = "cn=member,ou=groups," + SlapdServer.Suffix;
    public const string ChairGroup = "cn=pmc-chairs,ou=groups," + SlapdServer.Suffix;
    public const string RootGroup = "cn=root,ou=groups," + SlapdServer.Suffix;
    public const string DisabledFilter = "(!(employeeType=disabled))";

    public static LdapTestUser Jane { get; } = new("jdoe", "correct horse battery");

    public static LdapTestUser Colon { get; } = new("colon", "pa:ss:wo:rd");

    public static LdapTestUser Zoe { get; } = new("zoë", "pässwörd ünïcødé");

    public static LdapTestUser Disabled { get; } = new("gone", "gone-password");

    public static LdapTestUser Root { get; } = new("rroot", "root-password");

    public static string UserDn(string uid) => $"uid={uid},{PeopleBase}";

    /// <summary>Creates the LDIF of the whole tree; values beyond ASCII are written base64-encoded, as LDIF requires.</summary>
    public static string Ldif()
    {
        var ldif = new StringBuilder();
        Entry(ldif, SlapdServer.Suffix, ("objectClass", "dcObject"), ("objectClass", "organization"), ("dc", "example"), ("o", "Example"));
        Entry(ldif, PeopleBase, ("objectClass", "organizationalUnit"), ("ou", "people"));
        Entry(ldif, "ou=groups," + SlapdServer.Suffix, ("objectClass", "organizationalUnit"), ("ou", "groups"));
        Entry(ldif, GroupBase, ("objectClass", "organizationalUnit"), ("ou", "project"));

        Person(ldif, Jane, "Jane Doe", ("mail", "jane@example.org"));
        Person(ldif, Colon, "Colin Colon");
        Person(ldif, Zoe, "Zoë Ünïcode");
        Person(ldif, Disabled, "Gone Away", ("employeeType", "disabled"));
        Person(ldif, Root, "Rita Root");

        Group(ldif, $"cn=httpd,{GroupBase}", owners: [Jane], members: [Jane, Colon]);
        Group(ldif, $"cn=tomcat,{GroupBase}", owners: [], members: [Jane, Disabled]);
        Group(ldif, $"cn=zeta,{GroupBase}", owners: [Zoe], members: [Zoe]);
        Group(ldif, MemberGroup, owners: [], members: [Jane]);
        Group(ldif, ChairGroup, owners: [], members: [Jane]);
        Group(ldif, RootGroup, owners: [], members: [Root]);
        return ldif.ToString();
    }

    private static void Person(StringBuilder ldif, LdapTestUser user, string fullName, params (string Name, string Value)[] extra)
    {
        (string, string)[] attributes =
        [
            ("objectClass", "inetOrgPerson"),
            ("uid", user.Uid),
            ("cn", fullName),
            ("sn", fullName.Split(' ')[^1]),
            ("userPassword", user.Password),
            .. extra,
        ];
        Entry(ldif, UserDn(user.Uid), attributes);
    }

    private static void Group(StringBuilder ldif, string dn, LdapTestUser[] owners, LdapTestUser[] members)
    {
        var name = dn[3..dn.IndexOf(',', StringComparison.Ordinal)];
        var attributes = new List<(string, string)> { ("objectClass", "groupOfNames"), ("cn", name) };
        attributes.AddRange(owners.Select(owner => ("owner", UserDn(owner.Uid))));
        attributes.AddRange(members.Select(member => ("member", UserDn(member.Uid))));
        Entry(ldif, dn, [.. attributes]);
    }

    private static void Entry(StringBuilder ldif, string dn, params (string Name, string Value)[] attributes)
    {
        Line(ldif, "dn", dn);
        foreach (var (name, value) in attributes)
        {
            Line(ldif, name, value);
        }

        ldif.Append('\n');
    }

    private static void Line(StringBuilder ldif, string name, string value)
    {
        if (value.All(char.IsAscii))
        {
            ldif.Append(name).Append(": ").Append(value).Append('\n');
        }
        else
        {
            ldif.Append(name).Append(":: ").Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(value))).Append('\n');
        }
    }
}
