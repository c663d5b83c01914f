namespace AsfQuart.Tests.OAuth.Infrastructure;

/// <summary>Token responses of the ASF token endpoints, with the fields of oauth.apache.org.</summary>
public static class AsfTokenResponses
{
    public const string JaneDoe = """
        {"uid":"jdoe","dn":"uid=jdoe,ou=people,dc=apache,dc=org","email":"jane@example.org","fullname":"Jane Doe",
         "isMember":true,"isChair":true,"isRoot":false,"pmcs":["httpd","tomcat"],"projects":["httpd","tomcat","commons"],"mfa":true,
         "state":"ignored"}
        """;

    /// <summary>The response of the plain /token endpoint, which has no "mfa" field.</summary>
    public const string PlainJaneDoe = """
        {"uid":"jdoe","dn":"uid=jdoe,ou=people,dc=apache,dc=org","email":"jane@example.org","fullname":"Jane Doe",
         "isMember":true,"isChair":false,"isRoot":false,"pmcs":["httpd"],"projects":["httpd"]}
        """;

    public const string Bob = """{"uid":"bob","fullname":"Bob","isMember":false,"pmcs":[],"projects":["commons"],"mfa":false}""";
}
