namespace AsfQuart;

/// <summary>Endpoint metadata that sets the idle timeout of cookie sessions for one endpoint or group.</summary>
/// <param name="IdleTimeout">How long a session may go unused before this endpoint stops accepting it.</param>
public sealed record SessionIdleTimeoutMetadata(TimeSpan IdleTimeout);
