namespace AsfQuart;

/// <summary>The messages that the OAuth endpoint sends to users.</summary>
internal static class OAuthMessages
{
    public const string InvalidTarget =
        "The redirect target must be a local path that starts with a single '/', without backslashes, control characters, spaces or an encoded '//' or '/\\', and at most 2048 characters long.";

    public static string InvalidState(TimeSpan lifetime) =>
        $"The login state is invalid, already used or expired; a login must finish within {lifetime.TotalSeconds:0} seconds of starting. Start the login again.";

    public const string OtherBrowser =
        "This login was started in another browser, or its login cookie is missing. Start the login again in this browser.";

    public const string ProviderTimedOut = "The identity provider did not answer in time. Try again later.";

    public const string ProviderFailed = "The identity provider could not complete the login. Try again later.";
}
