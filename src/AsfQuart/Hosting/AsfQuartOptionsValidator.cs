using Microsoft.Extensions.Options;

namespace AsfQuart;

/// <summary>Checks <see cref="AsfQuartOptions"/> once at start-up, naming each invalid setting and its fix.</summary>
internal sealed class AsfQuartOptionsValidator : IValidateOptions<AsfQuartOptions>
{
    public ValidateOptionsResult Validate(string? name, AsfQuartOptions options)
    {
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.AppId))
        {
            failures.Add("AsfQuart:AppId is missing. Set it to a short name of the application, for example \"my_app\".");
        }
        else if (!options.AppId.All(IsCookieNameCharacter))
        {
            failures.Add($"AsfQuart:AppId '{options.AppId}' may contain only letters, digits, '-', '_' and '.', because it names the session cookie.");
        }

        if (options.CookieName is { } cookieName && (cookieName.Length == 0 || !cookieName.All(IsCookieNameCharacter)))
        {
            failures.Add($"AsfQuart:CookieName '{cookieName}' may contain only letters, digits, '-', '_' and '.'.");
        }

        if (options.EffectiveCookieName.StartsWith("__Host-", StringComparison.Ordinal) && !options.SecureCookie)
        {
            failures.Add("AsfQuart:SecureCookie is false, but a cookie name starting with __Host- is only kept by browsers when Secure. Set a CookieName without the prefix, or keep SecureCookie on.");
        }

        if (options.CookieChunkSize is < 512 or > 4096)
        {
            failures.Add($"AsfQuart:CookieChunkSize {options.CookieChunkSize} is outside 512 to 4096 characters.");
        }

        CheckPositive(failures, nameof(options.IdleTimeout), options.IdleTimeout);
        CheckPositive(failures, nameof(options.RefreshInterval), options.RefreshInterval);
        CheckPositive(failures, nameof(options.ValidationInterval), options.ValidationInterval);
        CheckPositive(failures, nameof(options.AuthenticationTimeout), options.AuthenticationTimeout);
        if (options.MaxSessionAge is { } maxSessionAge)
        {
            CheckPositive(failures, nameof(options.MaxSessionAge), maxSessionAge);
        }

        if (options.RefreshInterval >= options.IdleTimeout)
        {
            failures.Add($"AsfQuart:RefreshInterval ({options.RefreshInterval}) must be shorter than AsfQuart:IdleTimeout ({options.IdleTimeout}), or sessions in use would expire.");
        }

        if (!options.LoginPath.StartsWith('/') || options.LoginPath.StartsWith("//", StringComparison.Ordinal) || options.LoginPath.Contains('?', StringComparison.Ordinal))
        {
            failures.Add($"AsfQuart:LoginPath '{options.LoginPath}' must be a local path that starts with a single '/' and has no query.");
        }

        if (!options.InMemoryKeys && string.IsNullOrWhiteSpace(options.KeyDirectory))
        {
            failures.Add("AsfQuart:KeyDirectory is empty. Name a folder for the session keys, or set AsfQuart:InMemoryKeys to true.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckPositive(List<string> failures, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"AsfQuart:{name} must be positive; it is {value}.");
        }
    }

    private static bool IsCookieNameCharacter(char character) =>
        char.IsAsciiLetterOrDigit(character) || character is '-' or '_' or '.';
}
