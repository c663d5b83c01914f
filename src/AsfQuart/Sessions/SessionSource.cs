using System.Text.Json.Serialization;

namespace AsfQuart;

/// <summary>
/// Identifies how the credentials of a <see cref="Session"/> reached the server.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<SessionSource>))]
public enum SessionSource
{
    /// <summary>The encrypted session cookie of this application.</summary>
    Cookie,

    /// <summary>An <c>Authorization: Bearer</c> token accepted by the application's token handler.</summary>
    Token,

    /// <summary>An <c>Authorization: Basic</c> user id and password checked by the Basic authenticator.</summary>
    Basic,
}
