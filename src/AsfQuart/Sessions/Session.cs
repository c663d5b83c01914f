using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace AsfQuart;

/// <summary>
/// Represents the authenticated user of a request: who they are, their ASF roles and whatever the
/// application keeps in <see cref="Metadata"/>.
/// </summary>
/// <remarks>
/// A handler receives the session by declaring a <see cref="Session"/> parameter (required) or a
/// <c>Session?</c> parameter (optional). Binding reads the session that the endpoint's
/// <c>RequireAsfSession</c> guard or an earlier read resolved, so a request resolves it once. A
/// required parameter protects its endpoint like <c>RequireAsfSession()</c>, so a request without a
/// session gets the login redirect or 401 instead of Minimal APIs' 400 for a missing parameter.
/// </remarks>
public sealed record Session : IBindableFromHttpContext<Session>, IEndpointParameterMetadataProvider
{
    private readonly string? _email;

    /// <summary>Gets the user id, for example <c>jdoe</c>.</summary>
    public required string Uid { get; init; }

    /// <summary>Gets the distinguished name of the user in the directory, if known.</summary>
    public string? Dn { get; init; }

    /// <summary>Gets the user's display name, if known.</summary>
    public string? FullName { get; init; }

    /// <summary>Gets the user's email address: <c>{Uid}@apache.org</c> unless another one was set.</summary>
    public string Email
    {
        get => _email ?? $"{Uid}@apache.org";
        init => _email = value;
    }

    /// <summary>Gets a value indicating whether the user is a member of the foundation.</summary>
    public bool IsMember { get; init; }

    /// <summary>Gets a value indicating whether the user chairs at least one committee.</summary>
    public bool IsChair { get; init; }

    /// <summary>Gets a value indicating whether the user has infrastructure root access.</summary>
    public bool IsRoot { get; init; }

    /// <summary>Gets the committees (PMCs) the user belongs to; the ASF OAuth provider calls them <c>pmcs</c>.</summary>
    public ImmutableArray<string> Committees { get; init; } = [];

    /// <summary>Gets the projects the user is a committer on.</summary>
    public ImmutableArray<string> Projects { get; init; } = [];

    /// <summary>Gets a value indicating whether the user logged in with multi-factor authentication.</summary>
    public bool Mfa { get; init; }

    /// <summary>Gets a value indicating whether the session belongs to a role account rather than a person.</summary>
    public bool IsRoleAccount { get; init; }

    /// <summary>
    /// Gets the application's own values (scopes, flags, ids), each kept as the JSON it was given, so
    /// every JSON type survives the cookie unchanged.
    /// </summary>
    public ImmutableDictionary<string, JsonElement> Metadata { get; init; } = ImmutableDictionary<string, JsonElement>.Empty;

    /// <summary>Gets the time of the login that started this session.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets the time of the latest request that used this session.</summary>
    public DateTimeOffset LastAccessedAt { get; init; }

    /// <summary>Gets how the credentials of this session reached the server.</summary>
    public SessionSource Source { get; init; }

    /// <summary>
    /// Gets the scopes in <c>Metadata["scope"]</c>: a JSON array of strings, or a single string that
    /// is one scope. Empty when the key is missing or contains another JSON type.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<string> Scopes => SessionScopes.Read(Metadata);

    /// <summary>Determines whether the session has the given scope.</summary>
    /// <param name="scope">The scope to look for; compared ordinally.</param>
    /// <returns><see langword="true"/> if the session has the scope.</returns>
    public bool HasScope(string scope)
    {
        ArgumentNullException.ThrowIfNull(scope);

        return Scopes.Contains(scope, StringComparer.Ordinal);
    }

    /// <summary>Determines whether the session has at least one of the given scopes.</summary>
    /// <param name="scopes">The scopes to look for.</param>
    /// <returns><see langword="true"/> if the session has one of them.</returns>
    public bool HasAnyScope(params IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);

        var own = Scopes;
        return scopes.Any(scope => own.Contains(scope, StringComparer.Ordinal));
    }

    /// <summary>Determines whether the session has every one of the given scopes.</summary>
    /// <param name="scopes">The scopes to look for.</param>
    /// <returns><see langword="true"/> if the session has all of them.</returns>
    public bool HasAllScopes(params IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);

        var own = Scopes;
        return scopes.All(scope => own.Contains(scope, StringComparer.Ordinal));
    }

    /// <summary>Creates a copy of this session with <paramref name="key"/> in <see cref="Metadata"/> set to <paramref name="value"/>.</summary>
    /// <param name="key">The metadata key.</param>
    /// <param name="value">The value, kept as its JSON.</param>
    /// <returns>The changed copy.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is <c>default(JsonElement)</c>, which contains no JSON value.</exception>
    public Session WithMetadata(string key, JsonElement value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            throw new ArgumentException("The metadata value is default(JsonElement), which contains no JSON value. Pass a parsed JsonElement, for example JSON null.", nameof(value));
        }

        return this with { Metadata = Metadata.SetItem(key, value.Clone()) };
    }

    /// <summary>Creates a copy of this session with <paramref name="key"/> in <see cref="Metadata"/> set to the JSON of <paramref name="value"/>.</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <param name="key">The metadata key.</param>
    /// <param name="value">The value, serialized with the default <see cref="JsonSerializer"/> options.</param>
    /// <returns>The changed copy.</returns>
    public Session WithMetadata<T>(string key, T value)
    {
        ArgumentNullException.ThrowIfNull(key);

        return this with { Metadata = Metadata.SetItem(key, JsonSerializer.SerializeToElement(value)) };
    }

    /// <summary>Creates a copy of this session whose <c>Metadata["scope"]</c> is the given scopes.</summary>
    /// <param name="scopes">The scopes.</param>
    /// <returns>The changed copy.</returns>
    public Session WithScopes(params IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);

        return WithMetadata(SessionScopes.MetadataKey, scopes.ToArray());
    }

    /// <summary>Reads the session that the request resolved, for a handler parameter of type <see cref="Session"/>.</summary>
    /// <param name="context">The request.</param>
    /// <param name="parameter">The handler parameter being bound.</param>
    /// <returns>The session, or <see langword="null"/> when the request has none.</returns>
    public static ValueTask<Session?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(context);

        return context.ReadAsfSessionAsync();
    }

    /// <summary>
    /// Adds the session guard to an endpoint whose handler takes a required <see cref="Session"/>
    /// parameter; a <c>Session?</c> parameter leaves the endpoint open.
    /// </summary>
    /// <param name="parameter">The handler parameter of type <see cref="Session"/>.</param>
    /// <param name="builder">The endpoint being built.</param>
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(builder);

        // The same test Minimal APIs use for an optional parameter, so code without nullable
        // annotations or with a default value stays open.
        if (parameter.HasDefaultValue || new NullabilityInfoContext().Create(parameter).ReadState != NullabilityState.NotNull)
        {
            return;
        }

        SessionEndpointGuard.Apply(builder, new SessionRequirementMetadata([], []));
    }
}
