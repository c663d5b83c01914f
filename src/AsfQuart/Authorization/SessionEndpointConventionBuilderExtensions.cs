using AsfQuart;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Protects endpoints and route groups with AsfQuart sessions.
/// </summary>
public static class SessionEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Requires a session (cookie, bearer token or Basic credentials) that meets every given requirement.
    /// </summary>
    /// <typeparam name="TBuilder">The type of the endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoint or route group.</param>
    /// <param name="allOf">Requirements the session must all meet; none means any session will do.</param>
    /// <returns>The builder, for chaining.</returns>
    public static TBuilder RequireAsfSession<TBuilder>(this TBuilder builder, params Requirement[] allOf)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(allOf);

        return builder.AddRequirements(new SessionRequirementMetadata(allOf, []));
    }

    /// <summary>
    /// Requires a session that meets every requirement in <paramref name="allOf"/> and at least one in <paramref name="anyOf"/>.
    /// </summary>
    /// <typeparam name="TBuilder">The type of the endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoint or route group.</param>
    /// <param name="allOf">Requirements the session must all meet.</param>
    /// <param name="anyOf">Requirements of which the session must meet one; none means no such check.</param>
    /// <returns>The builder, for chaining.</returns>
    public static TBuilder RequireAsfSession<TBuilder>(this TBuilder builder, IEnumerable<Requirement> allOf, IEnumerable<Requirement> anyOf)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        return builder.AddRequirements(new SessionRequirementMetadata(allOf, anyOf));
    }

    /// <summary>Requires a session whose <c>Metadata["scope"]</c> contains every given scope.</summary>
    /// <typeparam name="TBuilder">The type of the endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoint or route group.</param>
    /// <param name="scopes">The scopes the session must all have.</param>
    /// <returns>The builder, for chaining.</returns>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, params string[] scopes)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(scopes);

        var requirements = scopes.Select(Requirements.Scope).ToArray();
        return builder.AddRequirements(new SessionRequirementMetadata(requirements, []) { Scopes = scopes });
    }

    /// <summary>Requires a session whose <c>Metadata["scope"]</c> contains at least one of the given scopes.</summary>
    /// <typeparam name="TBuilder">The type of the endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoint or route group.</param>
    /// <param name="scopes">The scopes of which the session must have one.</param>
    /// <returns>The builder, for chaining.</returns>
    public static TBuilder RequireAnyScope<TBuilder>(this TBuilder builder, params string[] scopes)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(scopes);

        var requirements = scopes.Select(Requirements.Scope).ToArray();
        return builder.AddRequirements(new SessionRequirementMetadata([], requirements) { Scopes = scopes });
    }

    /// <summary>
    /// Sets how long a cookie session may go unused before these endpoints stop accepting it, in
    /// place of <see cref="AsfQuartOptions.IdleTimeout"/>. Does not by itself require a session.
    /// </summary>
    /// <typeparam name="TBuilder">The type of the endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoint or route group.</param>
    /// <param name="idleTimeout">The idle timeout; must be positive.</param>
    /// <returns>The builder, for chaining.</returns>
    public static TBuilder WithSessionIdleTimeout<TBuilder>(this TBuilder builder, TimeSpan idleTimeout)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idleTimeout, TimeSpan.Zero);

        builder.Add(endpointBuilder => endpointBuilder.Metadata.Add(new SessionIdleTimeoutMetadata(idleTimeout)));
        return builder;
    }

    private static TBuilder AddRequirements<TBuilder>(this TBuilder builder, SessionRequirementMetadata metadata)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpointBuilder => SessionEndpointGuard.Apply(endpointBuilder, metadata));
        return builder;
    }
}
