using AsfQuart;

namespace PersonalAccessTokens;

/// <summary>
/// The example application: role accounts authenticate with personal access tokens, and endpoints
/// check membership, the role-account flag and scopes.
/// </summary>
public static class PersonalAccessTokensApp
{
    /// <summary>Builds the application.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="configureBuilder">Changes the builder before the application is built, for tests.</param>
    /// <returns>The application, ready to run.</returns>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configureBuilder = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var roleAccounts = RoleAccountStore.Load(Path.Combine(AppContext.BaseDirectory, "roleaccounts.json"));

        builder.Services.AddAsfQuart(options =>
        {
            options.AppId = "refapp";
            options.UseTokenHandler(roleAccounts.Find);
        });
        configureBuilder?.Invoke(builder);

        var app = builder.Build();
        MapEndpoints(app);
        return app;
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.MapGet("/", () => "PersonalAccessTokens example: call /secret, /member, /role, /scoped and /scope-a with "
            + "'Authorization: Bearer <token>', using the example token given in README.md. This example has no browser login.\n");

        app.MapGet("/secret", (Session session) => session).RequireAsfSession();
        app.MapGet("/member", (Session session) => $"Hello, member {session.Uid}.\n").RequireAsfSession(Requirements.Member);
        app.MapGet("/role", (Session session) => $"Hello, role account {session.Uid}.\n").RequireAsfSession(Requirements.RoleAccount);
        app.MapGet("/scoped", (Session session) =>
        {
            if (!session.HasScope("admin"))
            {
                throw new AuthenticationFailedException("This endpoint requires the admin scope.");
            }

            return $"Hello, {session.Uid}: you have the admin scope.\n";
        }).RequireAsfSession();
        app.MapGet("/scope-a", (Session session) => session.Scopes).RequireScope("scopeA");
    }
}
