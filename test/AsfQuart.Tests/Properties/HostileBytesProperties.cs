using System.Buffers.Text;
using System.Text;
using AsfQuart.Fuzz;
using AsfQuart.Tests.Hostile;
using AsfQuart.Tests.Infrastructure;
using CsCheck;
using Microsoft.AspNetCore.Http;

namespace AsfQuart.Tests.Properties;

public sealed class HostileBytesProperties : IClassFixture<HostileHost>
{
    private static readonly Gen<byte[]> Bytes = Gen.Byte.Array[0, 2048];

    private readonly HostileHost _host;

    public HostileBytesProperties(HostileHost host)
    {
        _host = host;
        _host.Reset();
    }

    [Fact]
    public void Any_bytes_pass_every_fuzz_target()
    {
        Bytes.Sample(bytes =>
        {
            foreach (var target in FuzzTargets.Names)
            {
                FuzzTargets.Run(target, bytes);
            }
        }, iter: 5000);
    }

    [Fact]
    public async Task Any_bytes_as_cookie_header_are_no_session()
    {
        await Bytes.SampleAsync(async bytes =>
        {
            _host.App.Logs.Clear();
            var header = Encoding.Latin1.GetString(bytes);

            var whole = await _host.SendAsync(request => request.Headers.Cookie = header);
            var asValue = await _host.SendAsync(request => request.Headers.Cookie = CookieHeader.Session(header));

            HostileAssert.Handled(whole, _host.App.Logs, StatusCodes.Status401Unauthorized);
            HostileAssert.Handled(asValue, _host.App.Logs, StatusCodes.Status401Unauthorized);
        }, iter: 300, threads: 1);
    }

    [Fact]
    public async Task Any_bytes_as_authorization_are_rejected()
    {
        await Bytes.SampleAsync(async bytes =>
        {
            _host.App.Logs.Clear();
            var header = Encoding.Latin1.GetString(bytes);

            var response = await _host.SendAsync(request => request.Headers.Authorization = header);

            Assert.NotEqual(StatusCodes.Status500InternalServerError, response.StatusCode);
            Assert.Contains(response.StatusCode, new[] { StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized });
            Assert.Empty(response.SetCookies);
        }, iter: 300, threads: 1);
    }

    [Fact]
    public async Task Mutated_cookie_is_session_or_none()
    {
        var value = CookieHeader.SessionValue(_host.App.CookieFor(TestSessions.Member));
        var mutations = Gen.Select(Gen.Int[0, value.Length - 1], Gen.Int[0, 3], Gen.Char[' ', '\u00ff']).Array[1, 4];

        await mutations.SampleAsync(async steps =>
        {
            _host.App.Logs.Clear();
            var text = new StringBuilder(value);
            foreach (var (position, kind, character) in steps)
            {
                var at = Math.Min(position, text.Length - 1);
                switch (kind)
                {
                    case 0 when text.Length > 1:
                        text.Remove(at, 1);
                        break;
                    case 1:
                        text.Insert(at, character);
                        break;
                    default:
                        text[at] = character;
                        break;
                }
            }

            var response = await _host.SendAsync(request => request.Headers.Cookie = CookieHeader.Session(text.ToString()));

            // A mutation can put back the character it replaced, or change only the unused low bits of
            // the last base64url character, and either leaves the cookie valid.
            var expected = DecodesAlike(text.ToString(), value) ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized;
            HostileAssert.Handled(response, _host.App.Logs, expected, value);
        }, iter: 500, threads: 1);
    }

    // The base64url decoder skips white space, but the cookie parser rejects a value that contains it,
    // so only text made of the base64url alphabet and its padding can stay a valid cookie.
    private static bool DecodesAlike(string mutated, string original)
    {
        if (!mutated.All(character => char.IsAsciiLetterOrDigit(character) || character is '-' or '_' or '='))
        {
            return false;
        }

        try
        {
            return Base64Url.DecodeFromChars(mutated).AsSpan().SequenceEqual(Base64Url.DecodeFromChars(original));
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
