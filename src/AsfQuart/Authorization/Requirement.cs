namespace AsfQuart;

/// <summary>
/// A condition a session must meet to use an endpoint, with the message the client gets when it does not.
/// </summary>
public sealed class Requirement
{
    private readonly Func<Session, bool> _isMet;

    /// <summary>Initializes a new requirement.</summary>
    /// <param name="name">A short name for documents and logs, for example <c>member</c>.</param>
    /// <param name="isMet">Returns <see langword="true"/> when the session meets the requirement.</param>
    /// <param name="failureMessage">The message sent to a client whose session does not meet it.</param>
    public Requirement(string name, Func<Session, bool> isMet, string failureMessage)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(isMet);
        ArgumentException.ThrowIfNullOrWhiteSpace(failureMessage);

        Name = name;
        _isMet = isMet;
        FailureMessage = failureMessage;
    }

    /// <summary>Gets the short name of the requirement.</summary>
    public string Name { get; }

    /// <summary>Gets the message sent to a client whose session does not meet the requirement.</summary>
    public string FailureMessage { get; }

    /// <summary>Determines whether a session meets the requirement.</summary>
    /// <param name="session">The session to check.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool IsMetBy(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);

        return _isMet(session);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
