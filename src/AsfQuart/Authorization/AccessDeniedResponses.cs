using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.WebUtilities;

namespace AsfQuart;

/// <summary>
/// Writes the response of a request that has no session, bad credentials, or a session that may not
/// use the endpoint. The one place that decides between redirect, 400, 401, 403, 429 and 503.
/// </summary>
internal sealed class AccessDeniedResponses(IOptionsMonitor<AsfQuartOptions> optionsMonitor, AsfQuartMetrics metrics)
{
    private const string NoSessionMessage = "This resource requires a login.";

    public Task WriteChallengeAsync(HttpContext context, SessionResolution resolution)
    {
        var options = optionsMonitor.CurrentValue;
        switch (resolution.Failure)
        {
            case ResolutionFailure.MalformedHeader:
                metrics.Failure("malformed_authorization");
                return WriteMessageAsync(context, StatusCodes.Status400BadRequest, resolution.Message!);

            case ResolutionFailure.Unavailable:
                metrics.Failure("unavailable");
                return WriteMessageAsync(context, StatusCodes.Status503ServiceUnavailable, resolution.Message!);

            // 503 rather than 500: a hostile token that trips a bug in the token handler must not let
            // a client produce server errors at will, and the client may retry as with an outage.
            case ResolutionFailure.Error:
                metrics.Failure("error");
                return WriteMessageAsync(context, StatusCodes.Status503ServiceUnavailable, resolution.Message!);

            case ResolutionFailure.RateLimited:
                metrics.Failure("rate_limited");
                if (resolution.RetryAfter is { } retryAfter)
                {
                    // Retry-After takes whole seconds (RFC 9110 section 10.2.3); rounding up never invites an early retry.
                    context.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                return WriteMessageAsync(context, StatusCodes.Status429TooManyRequests, resolution.Message!);

            case ResolutionFailure.InvalidCredentials:
                metrics.Failure("invalid_credentials");
                AddChallenges(context, options, invalidToken: ReferenceEquals(resolution, SessionResolution.InvalidToken));
                return WriteMessageAsync(context, StatusCodes.Status401Unauthorized, resolution.Message!);

            default:
                if (options.LoginRedirect && IsBrowserNavigation(context.Request))
                {
                    metrics.Failure("login_redirect");
                    context.Response.Redirect(LoginLocation(context.Request, options.LoginPath));
                    return Task.CompletedTask;
                }

                metrics.Failure("no_session");
                AddChallenges(context, options, invalidToken: false);
                return WriteMessageAsync(context, StatusCodes.Status401Unauthorized, NoSessionMessage);
        }
    }

    public Task WriteForbiddenAsync(HttpContext context, int statusCode, IReadOnlyList<string> messages)
    {
        metrics.Failure("forbidden");
        return WriteMessageAsync(context, statusCode, string.Join('\n', messages));
    }

    internal static string LoginLocation(HttpRequest request, string loginPath)
    {
        var target = request.PathBase.Add(request.Path).ToUriComponent() + request.QueryString.ToUriComponent();
        return request.PathBase.Add(new PathString(loginPath)).ToUriComponent() + "?login=" + Uri.EscapeDataString(target);
    }

    // A top-level page load by a person: the only request for which a redirect to a login page helps.
    private static bool IsBrowserNavigation(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }

        var headers = request.Headers;
        if (headers.Authorization.Count > 0 || headers.ContainsKey("X-No-Redirect"))
        {
            return false;
        }

        foreach (var accept in headers.Accept)
        {
            if (accept is not null && accept.Contains("text/html", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static void AddChallenges(HttpContext context, AsfQuartOptions options, bool invalidToken)
    {
        var services = context.RequestServices;
        var challenges = new List<string>(3);
        if (options.TokenHandler is not null || services.GetService<ITokenHandler>() is not null)
        {
            challenges.Add(invalidToken ? $"Bearer realm=\"{options.AppId}\", error=\"invalid_token\"" : $"Bearer realm=\"{options.AppId}\"");
        }

        if (services.GetService<IBasicAuthenticator>() is not null)
        {
            challenges.Add($"Basic realm=\"{options.AppId}\", charset=\"UTF-8\"");
        }

        // The session cookie is always on; "Cookie" names it as the HTTP cookie authentication draft does.
        challenges.Add($"Cookie realm=\"{options.AppId}\", form-action=\"{options.LoginPath}\"");
        context.Response.Headers.WWWAuthenticate = challenges.ToArray();
    }

    private static Task WriteMessageAsync(HttpContext context, int statusCode, string message)
    {
        if (AcceptsJson(context.Request))
        {
            var problem = new ProblemDetails
            {
                Status = statusCode,
                Title = ReasonPhrases.GetReasonPhrase(statusCode),
                Detail = message,
            };
            return TypedResults.Problem(problem).ExecuteAsync(context);
        }

        return TypedResults.Text(message + "\n", "text/plain; charset=utf-8", statusCode: statusCode).ExecuteAsync(context);
    }

    private static bool AcceptsJson(HttpRequest request)
    {
        var acceptsJson = false;
        foreach (var accept in request.Headers.Accept)
        {
            if (accept is null)
            {
                continue;
            }

            if (accept.Contains("text/html", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            acceptsJson |= accept.Contains("json", StringComparison.OrdinalIgnoreCase);
        }

        return acceptsJson;
    }
}
