using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace AsfQuart.Benchmarks;

/// <summary>
/// Checking an endpoint's requirements against the session of a member of 200 projects, against
/// ASP.NET Core's authorization service with a claim policy for the same check.
/// </summary>
public class RequirementBenchmarks
{
    private BenchmarkApp _app = null!;
    private Session _session = null!;
    private ClaimsPrincipal _principal = null!;
    private IAuthorizationService _authorization = null!;
    private AuthorizationPolicy _projectPolicy = null!;
    private SessionRequirementChecker _member = null!;
    private SessionRequirementChecker _lastProject = null!;
    private SessionRequirementChecker _scope = null!;
    private SessionRequirementChecker _anyOf = null!;
    private SessionRequirementChecker _failing = null!;

    [GlobalSetup]
    public void Setup()
    {
        _app = new BenchmarkApp();
        _session = BenchmarkIdentity.Large;
        _principal = new ClaimsPrincipal(BenchmarkIdentity.ToClaimsIdentity(_session));
        _authorization = _app.Services.GetRequiredService<IAuthorizationService>();
        _projectPolicy = new AuthorizationPolicyBuilder().RequireClaim(BenchmarkIdentity.ProjectClaim, "project200").Build();

        _member = Checker(new SessionRequirementMetadata([Requirements.Member], []));
        _lastProject = Checker(new SessionRequirementMetadata([Requirements.ProjectCommitter("project200")], []));
        _scope = Checker(new SessionRequirementMetadata([Requirements.Scope("write")], []));
        _anyOf = Checker(new SessionRequirementMetadata([Requirements.MfaEnabled], [Requirements.Chair, Requirements.Root, Requirements.CommitteeMember("committee020")]));
        _failing = Checker(new SessionRequirementMetadata([Requirements.Root, Requirements.ProjectCommitter("unknown")], []));

        if (_lastProject.Check(_session) is not null || _failing.Check(_session) is null)
        {
            throw new InvalidOperationException("The requirement checks do not give the expected outcome for the session.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _app.Dispose();

    [Benchmark(Baseline = true, Description = "Member")]
    public List<string>? Member() => _member.Check(_session);

    [Benchmark(Description = "ProjectCommitter, last of 200")]
    public List<string>? LastProject() => _lastProject.Check(_session);

    [Benchmark(Description = "Scope in Metadata")]
    public List<string>? Scope() => _scope.Check(_session);

    [Benchmark(Description = "allOf MFA, anyOf chair/root/committee")]
    public List<string>? AnyOf() => _anyOf.Check(_session);

    [Benchmark(Description = "two failing requirements")]
    public List<string>? Failing() => _failing.Check(_session);

    [Benchmark(Description = "ASP.NET Core RequireClaim, last of 200")]
    public Task<AuthorizationResult> AspNetCoreClaimPolicy() => _authorization.AuthorizeAsync(_principal, null, _projectPolicy);

    private static SessionRequirementChecker Checker(SessionRequirementMetadata metadata) => new([metadata]);
}
