using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace AsfQuart;

/// <summary>
/// Reads and writes a cookie value that may be split into chunks, in the format of ASP.NET Core's
/// <c>ChunkingCookieManager</c>: the base cookie contains <c>chunks-N</c> and the parts are named
/// <c>{name}C1</c> to <c>{name}CN</c>.
/// </summary>
/// <remarks>
/// Written here rather than taken from <c>ChunkingCookieManager</c> because that class neither
/// deletes the chunks a shrinking session no longer needs nor bounds the chunk count a client
/// claims when deleting, so a forged <c>chunks-1000000</c> would make a logout append a million headers.
/// </remarks>
internal static class ChunkedCookies
{
    // Kestrel rejects requests whose headers exceed 32 KB in all (KestrelServerLimits.MaxRequestHeadersTotalSize),
    // so a session written in more than 7 chunks of 4 KB would make every later request of that browser fail with 431.
    // A member of 500 projects needs 3.
    public const int MaxChunks = 7;

    private const string ChunkCountPrefix = "chunks-";

    public static string? Read(IRequestCookieCollection cookies, string name)
    {
        var value = ReadExactName(cookies, name);
        if (string.IsNullOrEmpty(value) || !value.StartsWith(ChunkCountPrefix, StringComparison.Ordinal))
        {
            return value;
        }

        if (!int.TryParse(value.AsSpan(ChunkCountPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count is < 1 or > MaxChunks)
        {
            return null;
        }

        var chunks = new string[count];
        for (var index = 0; index < count; index++)
        {
            var chunk = ReadExactName(cookies, ChunkName(name, index + 1));
            if (string.IsNullOrEmpty(chunk))
            {
                return null;
            }

            chunks[index] = chunk;
        }

        return string.Concat(chunks);
    }

    // Returns 0 when the value fits in one cookie. The limit covers the whole Set-Cookie header value,
    // attributes included, because that is what browsers count against their 4096-byte limit.
    public static int CountChunks(string name, string value, CookieOptions options, int maxCookieLength)
    {
        if (HeaderLength(name, "", options) + value.Length <= maxCookieLength)
        {
            return 0;
        }

        var chunkLength = ChunkLength(name, options, maxCookieLength);
        return (value.Length + chunkLength - 1) / chunkLength;
    }

    public static void Write(HttpContext context, string name, string value, CookieOptions options, int maxCookieLength)
    {
        var chunkCount = CountChunks(name, value, options, maxCookieLength);
        var cookies = context.Response.Cookies;
        if (chunkCount == 0)
        {
            cookies.Append(name, value, options);
        }
        else
        {
            var chunkLength = ChunkLength(name, options, maxCookieLength);
            cookies.Append(name, ChunkCountPrefix + chunkCount.ToString(CultureInfo.InvariantCulture), options);
            for (var index = 0; index < chunkCount; index++)
            {
                var start = index * chunkLength;
                var length = Math.Min(chunkLength, value.Length - start);
                cookies.Append(ChunkName(name, index + 1), value.Substring(start, length), options);
            }
        }

        DeleteChunksAbove(context, name, chunkCount, options);
    }

    public static void Delete(HttpContext context, string name, CookieOptions options)
    {
        context.Response.Cookies.Delete(name, options);
        DeleteChunksAbove(context, name, 0, options);
    }

    // Deletes only chunks the request actually sent, so the work is bounded by the request's own cookies.
    private static void DeleteChunksAbove(HttpContext context, string name, int keep, CookieOptions options)
    {
        foreach (var cookieName in context.Request.Cookies.Keys)
        {
            if (cookieName.Length > name.Length + 1
                && cookieName.StartsWith(name, StringComparison.Ordinal)
                && cookieName[name.Length] == 'C'
                && int.TryParse(cookieName.AsSpan(name.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index > keep)
            {
                context.Response.Cookies.Delete(cookieName, options);
            }
        }
    }

    // The request's cookie collection matches names ignoring case, so a lookup of "__Host-app" also finds
    // a cookie named "__host-app", which a browser that checks the __Host- prefix case-sensitively lets
    // another site on the same host or a parent domain set. Only the exact name is read. When both are
    // sent the collection keeps the last, so a lower-case one sent last leaves the request without a session.
    internal static string? ReadExactName(IRequestCookieCollection cookies, string name)
    {
        if (!cookies.TryGetValue(name, out var value))
        {
            return null;
        }

        foreach (var key in cookies.Keys)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return string.Equals(key, name, StringComparison.Ordinal) ? value : null;
            }
        }

        return null;
    }

    private static string ChunkName(string name, int index) => name + "C" + index.ToString(CultureInfo.InvariantCulture);

    // Room for the longest chunk name and the attributes in every chunk.
    private static int ChunkLength(string name, CookieOptions options, int maxCookieLength) =>
        maxCookieLength - HeaderLength(ChunkName(name, MaxChunks), "", options);

    private static int HeaderLength(string name, string value, CookieOptions options) =>
        options.CreateCookieHeader(name, value).ToString().Length;
}
