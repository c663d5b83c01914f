using AsfQuart;

namespace SimpleApp;

/// <summary>
/// The twin of asfquart's simple_app.py: a public home page, a protected page that shows the session,
/// and the login endpoint at <c>/auth</c>. In the Development environment it logs in through the local
/// identity picker configured in appsettings.Development.json; elsewhere through oauth.apache.org.
/// </summary>
public static class SimpleApplication
{
    /// <summary>Builds the application.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="configureBuilder">Changes the builder before the application is built, for tests.</param>
    /// <returns>The application, ready to run.</returns>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configureBuilder = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAsfQuart(options => options.AppId = "simple_app");
        builder.Services.AddAsfOAuth();
        builder.Services.AddOpenApi(options => options.AddAsfQuartSecurity());
        configureBuilder?.Invoke(builder);

        var app = builder.Build();
        app.MapAsfOAuth();
        app.MapOpenApi();

        app.MapGet("/", async (HttpContext context) =>
        {
            var session = await context.ReadAsfSessionAsync();
            var greeting = session is null
                ? "You are not logged in. <a href=\"/secret\">Open the secret page</a> to log in."
                : $"Hello, {System.Net.WebUtility.HtmlEncode(session.FullName ?? session.Uid)}. <a href=\"/secret\">Your session</a> <form method=\"post\" action=\"/auth?logout=/\"><button>Log out</button></form>";
            return Results.Content($"<!doctype html><title>SimpleApp</title><h1>SimpleApp</h1><p>{greeting}</p>", "text/html; charset=utf-8");
        });

        app.MapGet("/secret", (Session session) => session).RequireAsfSession();

        return app;
    }
}
