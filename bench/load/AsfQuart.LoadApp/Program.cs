using System.Security.Claims;
using AsfQuart;
using AsfQuart.Benchmarks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Memory;

// One app with the same endpoint ("ok") behind every kind of protection that the load test compares.
// GET /credentials signs in both cookie kinds and returns the tokens; only this benchmark app has it.
const string PersonalAccessToken = "pat-bench-3b1f9c0e7d2a4c55";
const string CookiePolicy = "cookie";
const string JwtPolicy = "jwt";

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();

var session = BenchmarkIdentity.Small;
var jwt = new BenchmarkJwt();
var personalAccessTokens = new Dictionary<string, Session>(StringComparer.Ordinal) { [PersonalAccessToken] = session };
using var jwtCache = new MemoryCache(new MemoryCacheOptions { SizeLimit = 10_000 });
var jwtHandler = new JwtSessionHandler(jwt.ValidationParameters, jwtCache);

// Two tokens for the same user: only the second is put in the cache (by /credentials), so the first
// is validated on every request. The cache lookup that the first one misses costs well under a microsecond.
var coldJwt = jwt.CreateToken(session);
var cachedJwt = jwt.CreateToken(session with { FullName = session.FullName + " (cached)" });

// Both cookie kinds use in-memory keys, so they pay for the same kind of Data Protection key ring.
builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
builder.Services.AddAsfQuart(options =>
{
    options.AppId = "bench";
    options.InMemoryKeys = true;
    options.TokenHandler = (token, cancellationToken) =>
    {
        if (token.StartsWith("pat-", StringComparison.Ordinal))
        {
            return ValueTask.FromResult(personalAccessTokens.GetValueOrDefault(token));
        }

        return jwtCache.TryGetValue(token, out Session? cached)
            ? ValueTask.FromResult(cached)
            : jwtHandler.AuthenticateAsync(token, cancellationToken);
    };
});

builder.Services.AddAuthentication()
    .AddCookie()
    .AddJwtBearer(options => options.TokenValidationParameters = jwt.ValidationParameters);
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(CookiePolicy, policy => policy.AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme).RequireAuthenticatedUser())
    .AddPolicy(JwtPolicy, policy => policy.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser());

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();

app.MapGet("/plain", () => "ok");
app.MapGet("/asf/cookie", (Session _) => "ok").RequireAsfSession();
app.MapGet("/aspnet/cookie", (ClaimsPrincipal _) => "ok").RequireAuthorization(CookiePolicy);
app.MapGet("/asf/pat", (Session _) => "ok").RequireAsfSession();
app.MapGet("/asf/jwt", (Session _) => "ok").RequireAsfSession();
app.MapGet("/asf/jwt-cached", (Session _) => "ok").RequireAsfSession();
app.MapGet("/aspnet/jwt", (ClaimsPrincipal _) => "ok").RequireAuthorization(JwtPolicy);

app.MapGet("/credentials", async (HttpContext context) =>
{
    context.SignInAsfSession(session);
    var principal = new ClaimsPrincipal(BenchmarkIdentity.ToClaimsIdentity(session, CookieAuthenticationDefaults.AuthenticationScheme));
    await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
    await jwtHandler.AuthenticateCachedAsync(cachedJwt, context.RequestAborted);
    return $"pat={PersonalAccessToken}\njwt={coldJwt}\njwt-cached={cachedJwt}\n";
});

app.Run();
