using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AsfQuart;

/// <summary>
/// Wraps the request delegate of a protected endpoint: resolve the session, check the requirements,
/// run the endpoint, and turn an <see cref="AuthenticationFailedException"/> into a response.
/// </summary>
/// <remarks>
/// It wraps the request delegate rather than adding an endpoint filter, because Minimal APIs bind
/// handler parameters before filters run: a required <see cref="Session"/> parameter would get
/// 400 before a filter could send the login redirect or 401. Wrapping also protects endpoints that
/// have no filter pipeline, such as those mapped with a plain <see cref="RequestDelegate"/>.
/// </remarks>
internal sealed class SessionEndpointGuard
{
    private readonly RequestDelegate _next;
    private readonly EndpointBuilder _endpointBuilder;
    private static readonly SessionIdleTimeoutMetadata NoIdleTimeout = new(TimeSpan.MaxValue);

    private SessionRequirementChecker? _checker;
    private SessionIdleTimeoutMetadata? _idleTimeout;

    private SessionEndpointGuard(RequestDelegate next, EndpointBuilder endpointBuilder)
    {
        _next = next;
        _endpointBuilder = endpointBuilder;
    }

    public static void Apply(EndpointBuilder endpointBuilder, SessionRequirementMetadata metadata)
    {
        endpointBuilder.Metadata.Add(metadata);
        if (endpointBuilder.Metadata.Contains(GuardMarker.Instance))
        {
            return;
        }

        var next = endpointBuilder.RequestDelegate
            ?? throw new InvalidOperationException($"RequireAsfSession needs an endpoint with a request delegate; '{endpointBuilder.DisplayName}' has none.");

        endpointBuilder.Metadata.Add(GuardMarker.Instance);
        endpointBuilder.RequestDelegate = new SessionEndpointGuard(next, endpointBuilder).InvokeAsync;
    }

    private async Task InvokeAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var responses = services.GetRequiredService<AccessDeniedResponses>();

        var resolution = await context.ResolveAsfSessionAsync().ConfigureAwait(false);
        if (resolution.Session is not { } session)
        {
            await responses.WriteChallengeAsync(context, resolution).ConfigureAwait(false);
            return;
        }

        // Conventions have all run by the first request, so the metadata is complete here.
        _idleTimeout ??= _endpointBuilder.Metadata.OfType<SessionIdleTimeoutMetadata>().LastOrDefault() ?? NoIdleTimeout;

        // A read in middleware before routing resolved the session without this endpoint's idle timeout.
        if (!ReferenceEquals(_idleTimeout, NoIdleTimeout) && await context.ReadAsfSessionAsync(_idleTimeout.IdleTimeout).ConfigureAwait(false) is null)
        {
            await responses.WriteChallengeAsync(context, SessionResolution.NoCredentials).ConfigureAwait(false);
            return;
        }

        _checker ??= new SessionRequirementChecker(_endpointBuilder.Metadata.OfType<SessionRequirementMetadata>());
        var failures = _checker.IsEmpty ? null : _checker.Check(session);
        if (failures is not null)
        {
            Log.AccessDenied(services.GetRequiredService<ILogger<SessionEndpointGuard>>(), context.Request.Path, session.Uid, string.Join(" ", failures));
            await responses.WriteForbiddenAsync(context, StatusCodes.Status403Forbidden, failures).ConfigureAwait(false);
            return;
        }

        try
        {
            await _next(context).ConfigureAwait(false);
        }
        catch (AuthenticationFailedException exception) when (!context.Response.HasStarted)
        {
            Log.AccessDenied(services.GetRequiredService<ILogger<SessionEndpointGuard>>(), context.Request.Path, session.Uid, exception.Message);
            await responses.WriteForbiddenAsync(context, exception.StatusCode, [exception.Message]).ConfigureAwait(false);
        }
    }

    private sealed class GuardMarker
    {
        public static readonly GuardMarker Instance = new();
    }
}
