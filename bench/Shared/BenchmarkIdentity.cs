using System.Collections.Immutable;
using System.Globalization;
using System.Security.Claims;
using System.Text.Json;

namespace AsfQuart.Benchmarks;

/// <summary>
/// The identities that every benchmark and the load test use, as an AsfQuart <see cref="Session"/>
/// and as the claims an ASP.NET Core cookie or JWT would carry for the same user.
/// </summary>
public static class BenchmarkIdentity
{
    public const string AuthenticationType = "Benchmark";

    public const string CommitteeClaim = "asf:committee";
    public const string ProjectClaim = "asf:project";
    public const string MemberClaim = "asf:member";
    public const string MfaClaim = "asf:mfa";
    public const string ScopeClaim = "scope";

    /// <summary>Gets a committer on one committee and two projects, with two scopes.</summary>
    public static Session Small { get; } = new Session
    {
        Uid = "jdoe",
        FullName = "Jane Doe",
        Committees = ["httpd"],
        Projects = ["httpd", "tomcat"],
        Mfa = true,
        Metadata = ImmutableDictionary<string, JsonElement>.Empty.Add("scope", JsonSerializer.SerializeToElement(new[] { "read", "write" })),
    };

    /// <summary>Gets a foundation member on 20 committees and 200 projects.</summary>
    public static Session Large { get; } = Small with
    {
        Uid = "mmember",
        FullName = "Max Member",
        IsMember = true,
        Committees = [.. Enumerable.Range(1, 20).Select(index => "committee" + index.ToString("000", CultureInfo.InvariantCulture))],
        Projects = [.. Enumerable.Range(1, 200).Select(index => "project" + index.ToString("000", CultureInfo.InvariantCulture))],
    };

    /// <summary>Creates the claims identity that carries the same facts as <paramref name="session"/>.</summary>
    public static ClaimsIdentity ToClaimsIdentity(Session session, string authenticationType = AuthenticationType)
    {
        ArgumentNullException.ThrowIfNull(session);

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, session.Uid),
            new(ClaimTypes.Name, session.FullName ?? session.Uid),
            new(ClaimTypes.Email, session.Email),
            new(MemberClaim, session.IsMember ? "true" : "false"),
            new(MfaClaim, session.Mfa ? "true" : "false"),
        };
        claims.AddRange(session.Committees.Select(committee => new Claim(CommitteeClaim, committee)));
        claims.AddRange(session.Projects.Select(project => new Claim(ProjectClaim, project)));
        claims.AddRange(session.Scopes.Select(scope => new Claim(ScopeClaim, scope)));
        return new ClaimsIdentity(claims, authenticationType);
    }
}
