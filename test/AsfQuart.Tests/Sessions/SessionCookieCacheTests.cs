using System.Net;
using System.Xml.Linq;
using AsfQuart.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;

namespace AsfQuart.Tests.Sessions;

public sealed class SessionCookieCacheTests
{
    private static void Map(WebApplication app)
    {
        app.MapGet("/secret", (Session session) => session.Uid).RequireAsfSession();
        app.MapGet("/recent", (Session session) => session.Uid).RequireAsfSession().WithSessionIdleTimeout(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Revoked_key_rejects_cached_cookie()
    {
        await using var app = await TestApp.StartAsync(
            Map,
            options => options.InMemoryKeys = false,
            services => services.Configure<KeyManagementOptions>(options => options.XmlRepository = new MemoryXmlRepository()));
        var cookie = app.CookieFor(TestSessions.Committer);

        var before = await SendAsync(app, "/secret", cookie);
        app.Services.GetRequiredService<IKeyManager>().RevokeAllKeys(DateTimeOffset.MaxValue, "key leaked");

        // Data Protection refreshes its key ring in the background after a revocation, so the cookie
        // stops working a moment later. A cache entry that outlived the refresh would keep it working
        // until the fake clock passed the entry's lifetime, which it never does here.
        var after = HttpStatusCode.OK;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (after == HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            after = await SendAsync(app, "/secret", cookie);
            if (after == HttpStatusCode.OK)
            {
                await Task.Delay(50);
            }
        }

        Assert.Equal(HttpStatusCode.OK, before);
        Assert.Equal(HttpStatusCode.Unauthorized, after);
    }

    [Fact]
    public async Task Cached_cookie_still_idles_out()
    {
        await using var app = await TestApp.StartAsync(Map);
        var cookie = app.CookieFor(TestSessions.Committer);

        var fresh = await SendAsync(app, "/recent", cookie);
        app.Time.Advance(TimeSpan.FromSeconds(20));
        var idle = await SendAsync(app, "/recent", cookie);
        var otherEndpoint = await SendAsync(app, "/secret", cookie);

        Assert.Equal(HttpStatusCode.OK, fresh);
        Assert.Equal(HttpStatusCode.Unauthorized, idle);
        Assert.Equal(HttpStatusCode.OK, otherEndpoint);
    }

    private static async Task<HttpStatusCode> SendAsync(TestApp app, string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        using var response = await app.Client.SendAsync(request);
        return response.StatusCode;
    }

    private sealed class MemoryXmlRepository : IXmlRepository
    {
        private readonly List<XElement> _elements = [];

        public IReadOnlyCollection<XElement> GetAllElements()
        {
            lock (_elements)
            {
                return [.. _elements.Select(element => new XElement(element))];
            }
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            lock (_elements)
            {
                _elements.Add(new XElement(element));
            }
        }
    }
}
