// One instance of a scaled-out AsfQuart application, for bench/scale/run.sh: the Redis setup of
// docs/scaling.md, a login endpoint and one protected endpoint.
//   dotnet ScaleApp.dll --urls http://127.0.0.1:5001 --Redis 127.0.0.1:6379 --ServerSide true
using AsfQuart;
using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);

var redisEndPoint = builder.Configuration["Redis"] ?? throw new InvalidOperationException("The Redis setting is missing. Pass --Redis host:port.");
var redisOptions = ConfigurationOptions.Parse(redisEndPoint);
redisOptions.AbortOnConnectFail = false;
var multiplexer = await ConnectionMultiplexer.ConnectAsync(redisOptions);

builder.Services.AddDataProtection()
    .SetApplicationName("scaleapp")
    .PersistKeysToStackExchangeRedis(multiplexer, "asfquart:data-protection-keys");
builder.Services.AddStackExchangeRedisCache(options =>
{
    options.ConnectionMultiplexerFactory = () => Task.FromResult<IConnectionMultiplexer>(multiplexer);
    options.InstanceName = "scaleapp:";
});
builder.Services.AddAsfQuart(options =>
{
    options.AppId = "scaleapp";
    options.SecureCookie = false;
    options.CookieName = "scaleapp";
});
if (builder.Configuration.GetValue<bool>("ServerSide"))
{
    builder.Services.AddAsfQuartServerSideSessions();
}

var app = builder.Build();
app.MapPost("/login/{uid}", (HttpContext context, string uid) =>
{
    context.SignInAsfSession(new Session { Uid = uid, Committees = ["httpd", "tomcat"], Projects = ["httpd", "tomcat", "commons"] });
    return Results.Ok();
});
app.MapGet("/me", (Session session) => session.Uid).RequireAsfSession();
app.Run();
