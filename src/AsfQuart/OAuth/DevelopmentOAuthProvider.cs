using Microsoft.Extensions.Options;

namespace AsfQuart;

/// <summary>
/// Logs developers in without a network: the browser goes to a local page that lists the configured
/// identities, and picking one returns to the callback with that identity's uid as the code.
/// </summary>
/// <remarks>
/// Anyone who can reach the application can log in as any listed identity, so the options
/// validator stops the application from starting with this provider outside the Development environment.
/// </remarks>
internal sealed class DevelopmentOAuthProvider(IOptions<AsfOAuthOptions> options) : IOAuthProvider
{
    /// <summary>The path of the picker page, below the path of the OAuth endpoint.</summary>
    public const string PickerPathSuffix = "/development";

    public ValueTask<string> CreateAuthorizationUrlAsync(OAuthLoginStart login, CancellationToken cancellationToken)
    {
        var callbackPath = new Uri(login.RedirectUri).AbsolutePath;
        return ValueTask.FromResult(callbackPath + PickerPathSuffix + "?state=" + Uri.EscapeDataString(login.State));
    }

    public ValueTask<OAuthLoginResult> ExchangeCodeAsync(OAuthCallback callback, CancellationToken cancellationToken)
    {
        var identity = options.Value.Development.Identities.FirstOrDefault(identity => identity.Uid == callback.Code);
        if (identity is null)
        {
            return ValueTask.FromResult(OAuthLoginResult.Rejected("No development identity has this user id. Start the login again and pick one from the list."));
        }

        var session = new Session
        {
            Uid = identity.Uid,
            FullName = identity.FullName,
            IsMember = identity.IsMember,
            IsChair = identity.IsChair,
            IsRoot = identity.IsRoot,
            Committees = [.. identity.Committees],
            Projects = [.. identity.Projects],
            Mfa = identity.Mfa,
        };
        return ValueTask.FromResult(OAuthLoginResult.Success(string.IsNullOrEmpty(identity.Email) ? session : session with { Email = identity.Email }));
    }
}
