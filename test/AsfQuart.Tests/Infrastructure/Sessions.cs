using System.Collections.Immutable;
using System.Text.Json;

namespace AsfQuart.Tests.Infrastructure;

/// <summary>Sessions used across tests, matching the reference application's role account and people.</summary>
public static class TestSessions
{
    public const string RoleToken = "pat-refapp-roleaccountthing-7Qe2xW9s";

    public static Session RoleAccount { get; } = new Session
    {
        Uid = "roleaccountthing",
        Committees = ["httpd", "tomcat"],
        IsRoleAccount = true,
    }.WithScopes("scopeA", "scopeB");

    public static Session Committer { get; } = new()
    {
        Uid = "jdoe",
        FullName = "Jane Doe",
        Committees = ["httpd"],
        Projects = ["httpd", "tomcat"],
    };

    public static Session Member { get; } = Committer with { Uid = "mmember", IsMember = true };

    /// <summary>Metadata values as JSON text, each kept byte for byte through a cookie.</summary>
    public static IReadOnlyDictionary<string, string> MetadataJson { get; } = new Dictionary<string, string>
    {
        ["string"] = "\"text\"",
        ["empty"] = "\"\"",
        ["unicode"] = "\"h\u00e9llo \u2603 \U0001F600\"",
        ["integer"] = "42",
        ["negative"] = "-7",
        ["big"] = "123456789012345678901234567890",
        ["decimal"] = "1.10",
        ["exponent"] = "6.02E+23",
        ["small-exponent"] = "1e-400",
        ["negative-zero"] = "-0",
        ["true"] = "true",
        ["false"] = "false",
        ["null"] = "null",
        ["object"] = "{\"a\":{\"b\":[1,{\"c\":null}]},\"d\":\"e\"}",
        ["array"] = "[1,\"two\",3.0,true,null,[],{}]",
        ["scope"] = "[\"scopeA\",\"scopeB\"]",
    };

    /// <summary>A session with every field set and a metadata value of every JSON type.</summary>
    public static Session Full { get; } = new Session
    {
        Uid = "fulluser",
        Dn = "uid=fulluser,ou=people,dc=apache,dc=org",
        FullName = "Fülle Ünicode ☃",
        Email = "full@example.org",
        IsMember = true,
        IsChair = true,
        IsRoot = true,
        Committees = ["httpd", "tomcat"],
        Projects = ["httpd", "tomcat", "kafka"],
        Mfa = true,
        IsRoleAccount = true,
        Metadata = MetadataJson.ToDictionary(pair => pair.Key, pair => JsonDocument.Parse(pair.Value).RootElement.Clone())
            .ToImmutableDictionary(),
    };
}
