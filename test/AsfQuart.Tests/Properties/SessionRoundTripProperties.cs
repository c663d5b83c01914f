using AsfQuart.Tests.Infrastructure;
using CsCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace AsfQuart.Tests.Properties;

public sealed class SessionRoundTripProperties
{
    [Fact]
    public async Task Any_session_survives_protect_and_unprotect()
    {
        await using var app = await TestApp.StartAsync(_ => { });
        var protector = app.Services.GetRequiredService<SessionCookieProtector>();

        SessionGenerators.Session.Sample(session =>
        {
            var value = protector.Protect(session, session.LastAccessedAt);

            Assert.True(protector.TryUnprotect(value, out var read), "A session written by the protector could not be read back.");
            SessionGenerators.AssertSame(session, read.Session, compareTimes: true);
            Assert.Equal(session.LastAccessedAt, read.ValidatedAt);
        }, iter: 1000);
    }

    [Fact]
    public async Task Any_session_survives_sign_in_then_read()
    {
        Session? pending = null;
        Session? read = null;
        await using var app = await TestApp.StartAsync(endpoints =>
        {
            endpoints.MapPost("/sign-in", (HttpContext context) => context.SignInAsfSession(pending!));
            endpoints.MapGet("/read", async (HttpContext context) =>
            {
                read = await context.ReadAsfSessionAsync();
                return "read";
            });
        });

        // One sample at a time, because the endpoints share the two variables above.
        await SessionGenerators.Session.SampleAsync(async session =>
        {
            pending = session;
            read = null;

            var signIn = await app.Client.PostAsync("/sign-in", content: null);
            Assert.Equal(System.Net.HttpStatusCode.OK, signIn.StatusCode);
            var setCookies = SetCookieHeaderValue.ParseList([.. signIn.Headers.GetValues(HeaderNames.SetCookie)]);
            var request = new HttpRequestMessage(HttpMethod.Get, "/read");
            request.Headers.Add(HeaderNames.Cookie, string.Join("; ", setCookies.Select(cookie => $"{cookie.Name}={cookie.Value}")));
            var response = await app.Client.SendAsync(request);

            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.NotNull(read);
            SessionGenerators.AssertSame(session, read, compareTimes: false);
            Assert.Equal(app.Time.GetUtcNow(), read.CreatedAt);
        }, iter: 150, threads: 1);
    }
}
