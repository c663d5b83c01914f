// The application under the hostile load test: Kestrel on a free loopback port, one cookie session
// and one personal access token that the load script mixes with failing requests. The OAuth endpoint
// at /auth takes the flood of ?login requests, and GET /bench/pending-logins returns the number of
// logins in the pending login store and its bound.
// Usage: LoadHostileServer <ready file>. Once listening, it writes three lines to the ready file:
// the base address, a Cookie header with a valid session, and the valid token.
using AsfQuart;
using AsfQuart.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

if (args.Length != 1)
{
    Console.Error.WriteLine("Usage: LoadHostileServer <ready file>");
    return 2;
}

const string Token = "pat-load-roleaccount-Wq83nZ5k";
var roleAccount = new Session { Uid = "roleaccountthing", Committees = ["httpd", "tomcat"], IsRoleAccount = true }.WithScopes("scopeA");
var committer = new Session { Uid = "jdoe", FullName = "Jane Doe", Committees = ["httpd"], Projects = ["httpd", "tomcat"] };

var builder = WebApplication.CreateBuilder();
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Logging.ClearProviders();
builder.Services.AddAsfQuart(options =>
{
    options.AppId = "loadapp";
    options.InMemoryKeys = true;
    options.TokenHandler = (token, _) => ValueTask.FromResult(token == Token ? roleAccount : null);
});

// Starting a login only builds the provider URL, so the flood never contacts this address.
builder.Services.AddAsfOAuth(options =>
{
    options.Provider = OAuthProviderKind.Asf;
    options.Asf.BaseUrl = new Uri("http://127.0.0.1:9");
});

var app = builder.Build();
app.MapGet("/api/secret", (Session session) => session.Uid).RequireAsfSession();
app.MapGet("/api/member", (Session session) => session.Uid).RequireAsfSession(Requirements.Member);
app.MapAsfOAuth();
app.MapGet("/bench/pending-logins", (IPendingLoginStore store, IOptions<AsfOAuthOptions> options) =>
    $"{((InMemoryPendingLoginStore)store).Count} {options.Value.MaxPendingLogins}");

await app.StartAsync();

var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
var cookie = app.Services.CreateSessionCookieHeader(committer);
await File.WriteAllLinesAsync(args[0], [address, cookie, Token]);

await app.WaitForShutdownAsync();
return 0;
