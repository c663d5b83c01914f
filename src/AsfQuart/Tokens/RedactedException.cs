namespace AsfQuart;

/// <summary>
/// Stands in for an exception from a token handler or Basic authenticator whose text contains the
/// credentials, for example the <see cref="FormatException"/> of <c>int.Parse(token)</c>, which
/// quotes its input. The log gets the original type, message and stack trace with the credentials cut out.
/// </summary>
internal sealed class RedactedException : Exception
{
    private const string Placeholder = "[redacted]";

    private RedactedException(string message)
        : base(message)
    {
    }

    // Returns the exception itself when no secret appears in its text, inner exceptions included.
    public static Exception Redact(Exception exception, params ReadOnlySpan<string> secrets)
    {
        var text = exception.ToString();
        var redacted = text;
        foreach (var secret in secrets)
        {
            if (secret.Length > 0)
            {
                redacted = redacted.Replace(secret, Placeholder, StringComparison.Ordinal);
            }
        }

        return redacted == text ? exception : new RedactedException(redacted);
    }
}
