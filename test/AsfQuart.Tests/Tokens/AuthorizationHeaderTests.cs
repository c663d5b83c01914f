using System.Net;
using System.Text;
using AsfQuart.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AsfQuart.Tests.Tokens;

/// <summary>Every spelling of the Authorization header, well-formed and malformed, for Bearer and Basic.</summary>
public sealed class AuthorizationHeaderTests
{
    private const string Token = TestSessions.RoleToken;
    private const string Password = "s3cr3t:with:colons";

    private static void Map(WebApplication app)
    {
        app.MapGet("/secret", (Session session) => session.Uid).RequireAsfSession();
    }

    private static Task<TestApp> StartAsync(RecordingBasicAuthenticator? basic = null) => TestApp.StartAsync(
        Map,
        options => options.UseTokenHandler(token => token == Token ? TestSessions.RoleAccount : null),
        services =>
        {
            if (basic is not null)
            {
                services.AddSingleton<IBasicAuthenticator>(basic);
            }
        });

    private static string Basic(string userPassword) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(userPassword));

    private static async Task AssertStatusAsync(TestApp app, HttpStatusCode expected, string header, params string[] secrets)
    {
        var (status, headers, body) = await app.SendRawAsync("GET", "/secret", ("Authorization", header), ("Accept", "text/html"));

        Assert.True((int)expected == status, $"'{header}' got {status}: {body}");
        Assert.False(headers.ContainsKey("Set-Cookie"));
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
        }

        LogAssert.NoSecret(app.Logs, secrets);
    }

    [Theory]
    [InlineData("Bearer ")]
    [InlineData("bearer ")]
    [InlineData("BEARER ")]
    [InlineData("bEaReR ")]
    [InlineData("Bearer  ")]
    [InlineData("Bearer        ")]
    public async Task Bearer_scheme_in_any_case_and_spacing_is_accepted(string prefix)
    {
        await using var app = await StartAsync();

        await AssertStatusAsync(app, HttpStatusCode.OK, prefix + Token);
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer     ")]
    [InlineData("Bearer\t" + Token)]
    [InlineData("Bearer \t" + Token)]
    [InlineData("Bearer " + Token + "\tx")]
    [InlineData("Bearer " + Token + " extra")]
    [InlineData("Bearer t\u00f6k\u00e9n")]
    [InlineData("Bearer token\u2603")]
    [InlineData("Bearer tok\u0001en")]
    [InlineData(" ")]
    [InlineData("\tBearer x")]
    public async Task Malformed_bearer_header_is_400(string header)
    {
        await using var app = await StartAsync();

        await AssertStatusAsync(app, HttpStatusCode.BadRequest, header, Token);
    }

    [Theory]
    [InlineData("Bearerx " + Token)]
    [InlineData("XBearer " + Token)]
    [InlineData("Digest username=\"jdoe\", realm=\"refapp\"")]
    [InlineData("Token " + Token)]
    [InlineData("Negotiate abc")]
    public async Task Unknown_scheme_is_401(string header)
    {
        await using var app = await StartAsync();

        await AssertStatusAsync(app, HttpStatusCode.Unauthorized, header, Token);
    }

    [Fact]
    public async Task Unknown_scheme_error_names_the_problem()
    {
        await using var app = await StartAsync();

        var response = await app.GetAsync("/secret", ("Authorization", "Digest x"));

        Assert.Equal("The authorization scheme is not supported.\n", await response.Content.ReadAsStringAsync());
        Assert.Contains("Bearer realm=\"refapp\"", response.Headers.WwwAuthenticate.Select(value => value.ToString()));
    }

    [Fact]
    public async Task Two_authorization_headers_are_400()
    {
        await using var app = await StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/secret");
        request.Headers.TryAddWithoutValidation("Authorization", ["Bearer " + Token, "Bearer other"]);

        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The request has more than one Authorization header.\n", await response.Content.ReadAsStringAsync());
        LogAssert.NoSecret(app.Logs, Token);
    }

    [Fact]
    public async Task Basic_with_colon_in_password_passes_it_whole()
    {
        var basic = new RecordingBasicAuthenticator();
        await using var app = await StartAsync(basic);

        await AssertStatusAsync(app, HttpStatusCode.OK, Basic("jdoe:" + Password), Password);

        Assert.Equal(("jdoe", Password), basic.Received.Single());
    }

    [Fact]
    public async Task Basic_with_unicode_is_decoded_as_utf8()
    {
        var basic = new RecordingBasicAuthenticator();
        await using var app = await StartAsync(basic);

        await AssertStatusAsync(app, HttpStatusCode.Unauthorized, Basic("j\u00f6rg:p\u00e4ss\u2603"), "p\u00e4ss\u2603");

        Assert.Equal(("j\u00f6rg", "p\u00e4ss\u2603"), basic.Received.Single());
    }

    [Fact]
    public async Task Basic_wrong_password_is_401_with_challenge()
    {
        await using var app = await StartAsync(new RecordingBasicAuthenticator());

        var response = await app.GetAsync("/secret", ("Authorization", Basic("jdoe:wrong-password")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Basic realm=\"refapp\", charset=\"UTF-8\"", response.Headers.WwwAuthenticate.Select(value => value.ToString()));
        Assert.Equal("The user id or password is wrong.\n", await response.Content.ReadAsStringAsync());
        LogAssert.NoSecret(app.Logs, "wrong-password");
    }

    [Theory]
    [InlineData("Basic !!!notbase64!!!")]
    [InlineData("Basic amRvZQ")]
    [InlineData("Basic amRvZTpw=YXNz")]
    [InlineData("Basic")]
    [InlineData("Basic    ")]
    public async Task Malformed_basic_encoding_is_400(string header)
    {
        await using var app = await StartAsync(new RecordingBasicAuthenticator());

        await AssertStatusAsync(app, HttpStatusCode.BadRequest, header);
    }

    [Fact]
    public async Task Basic_without_colon_is_400()
    {
        var basic = new RecordingBasicAuthenticator();
        await using var app = await StartAsync(basic);

        await AssertStatusAsync(app, HttpStatusCode.BadRequest, Basic("jdoe-no-colon-password"), "jdoe-no-colon-password");

        Assert.Empty(basic.Received);
    }

    [Fact]
    public async Task Basic_with_empty_user_id_is_400()
    {
        await using var app = await StartAsync(new RecordingBasicAuthenticator());

        await AssertStatusAsync(app, HttpStatusCode.BadRequest, Basic(":" + Password), Password);
    }

    [Fact]
    public async Task Basic_with_empty_password_is_401_without_asking()
    {
        var basic = new RecordingBasicAuthenticator();
        await using var app = await StartAsync(basic);

        await AssertStatusAsync(app, HttpStatusCode.Unauthorized, Basic("jdoe:"));

        Assert.Empty(basic.Received);
    }

    [Fact]
    public async Task Basic_that_is_not_utf8_is_400()
    {
        await using var app = await StartAsync(new RecordingBasicAuthenticator());
        var header = "Basic " + Convert.ToBase64String([0x6A, 0xFF, 0xFE, (byte)':', 0xC3, 0x28]);

        await AssertStatusAsync(app, HttpStatusCode.BadRequest, header);
    }

    [Fact]
    public async Task Basic_when_disabled_is_401_without_basic_challenge()
    {
        await using var app = await StartAsync();

        var response = await app.GetAsync("/secret", ("Authorization", Basic("jdoe:" + Password)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(response.Headers.WwwAuthenticate, value => value.Scheme == "Basic");
        Assert.Equal("This application does not accept Basic authentication.\n", await response.Content.ReadAsStringAsync());
        LogAssert.NoSecret(app.Logs, Password);
    }

    [Fact]
    public async Task Basic_authenticator_failure_is_logged_without_password()
    {
        var basic = new RecordingBasicAuthenticator { Failure = new InvalidOperationException("bind failed for " + Password) };
        await using var app = await StartAsync(basic);

        await AssertStatusAsync(app, HttpStatusCode.ServiceUnavailable, Basic("jdoe:" + Password), Password);

        Assert.Contains(app.Logs.GetSnapshot(), record => record.Id.Name == "AuthenticatorFailed" && record.Exception!.Message.Contains("bind failed for [redacted]", StringComparison.Ordinal));
    }

    /// <summary>Accepts the password <see cref="Password"/> for any user and records every call.</summary>
    private sealed class RecordingBasicAuthenticator : IBasicAuthenticator
    {
        public List<(string UserId, string Password)> Received { get; } = [];

        public Exception? Failure { get; init; }

        public ValueTask<Session?> AuthenticateAsync(string userId, string password, CancellationToken cancellationToken)
        {
            Received.Add((userId, password));
            if (Failure is not null)
            {
                throw Failure;
            }

            return ValueTask.FromResult(password == Password ? new Session { Uid = userId } : null);
        }
    }
}
