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
}
