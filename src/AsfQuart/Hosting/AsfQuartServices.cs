namespace AsfQuart;

/// <summary>The services that the request path needs, fetched from the container in one lookup.</summary>
internal sealed class AsfQuartServices(SessionResolver resolver, SessionCookieWriter writer, TimeProvider timeProvider)
{
    public SessionResolver Resolver { get; } = resolver;

    public SessionCookieWriter Writer { get; } = writer;

    public TimeProvider TimeProvider { get; } = timeProvider;
}
