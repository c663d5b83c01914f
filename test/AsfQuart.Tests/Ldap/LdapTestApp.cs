using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AsfQuart.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AsfQuart.Tests.Ldap;

/// <summary>Starts a <see cref="TestApp"/> whose <c>/api/me</c> requires a session and whose Basic authentication is LDAP.</summary>
public static class LdapTestApp
{
    // Requests may name their client address in this header, because TestHost sets none.
    public const string ClientAddressHeader = "X-Test-Client-Address";

    public static Task<TestApp> StartAsync(SlapdServer server, Action<LdapOptions>? configureLdap = null, Action<AsfQuartOptions>? configure = null, bool validateSessions = false) =>
        TestApp.StartAsync(
            app =>
            {
                app.Use((context, next) =>
                {
                    if (context.Request.Headers.TryGetValue(ClientAddressHeader, out var address))
                    {
                        context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                    }

                    return next(context);
                });
                app.MapGet("/api/me", (Session session) => session).RequireAsfSession();
            },
            configure,
            services =>
            {
                services.AddAsfLdapBasicAuthentication(options =>
                {
                    Configure(options, server);
                    configureLdap?.Invoke(options);
                });
                if (validateSessions)
                {
                    services.AddAsfLdapSessionValidation();
                }
            });

    public static void Configure(LdapOptions options, SlapdServer server)
    {
        options.Uris.Add(server.Uri);
        options.AllowUnencrypted = true;
        options.UserDnTemplate = "uid=%s," + LdapTestDirectory.PeopleBase;
        options.GroupBase = LdapTestDirectory.GroupBase;
        options.MemberGroup = LdapTestDirectory.MemberGroup;
        options.ChairGroup = LdapTestDirectory.ChairGroup;
        options.RootGroup = LdapTestDirectory.RootGroup;
        options.ActiveAccountFilter = LdapTestDirectory.DisabledFilter;
        options.ServiceBindDn = SlapdServer.RootDn;
        options.ServiceBindPassword = SlapdServer.RootPassword;
        options.ConnectTimeout = TimeSpan.FromSeconds(2);
        options.OperationTimeout = TimeSpan.FromSeconds(2);
    }

    public static HttpRequestMessage BasicRequest(string userId, string password, string? clientAddress = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{userId}:{password}")));
        if (clientAddress is not null)
        {
            request.Headers.Add(ClientAddressHeader, clientAddress);
        }

        return request;
    }

    public static HttpRequestMessage BasicRequest(LdapTestUser user, string? clientAddress = null) =>
        BasicRequest(user.Uid, user.Password, clientAddress);
}
