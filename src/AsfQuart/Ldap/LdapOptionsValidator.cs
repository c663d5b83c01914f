using Microsoft.Extensions.Options;

namespace AsfQuart;

/// <summary>Checks <see cref="LdapOptions"/> once at start-up, naming each invalid setting and its fix.</summary>
internal sealed class LdapOptionsValidator : IValidateOptions<LdapOptions>
{
    public ValidateOptionsResult Validate(string? name, LdapOptions options)
    {
        var failures = new List<string>();

        if (options.Uris.Count == 0)
        {
            failures.Add("AsfQuart:Ldap:Uris is empty. Add the directory server, for example \"ldaps://ldap-us.apache.org\".");
        }

        foreach (var value in options.Uris)
        {
            if (!LdapServer.TryParse(value, out var server, out var error))
            {
                failures.Add($"AsfQuart:Ldap:Uris: {error}");
            }
            else if (!server!.UseLdaps && !options.StartTls && !options.AllowUnencrypted)
            {
                failures.Add($"AsfQuart:Ldap:Uris: '{value}' sends passwords unencrypted. Use ldaps://, set StartTls to true, or set AllowUnencrypted to true for a directory on the same host.");
            }
        }

        var placeholders = CountOccurrences(options.UserDnTemplate, "%s");
        if (placeholders != 1)
        {
            failures.Add($"AsfQuart:Ldap:UserDnTemplate '{options.UserDnTemplate}' must contain %s exactly once, where the user id goes, for example \"uid=%s,ou=people,dc=apache,dc=org\".");
        }

        if (string.IsNullOrWhiteSpace(options.GroupBase))
        {
            failures.Add("AsfQuart:Ldap:GroupBase is missing. Set the DN under which committee and project groups are, for example \"ou=project,ou=groups,dc=apache,dc=org\".");
        }

        CheckAttribute(failures, nameof(options.OwnerAttribute), options.OwnerAttribute);
        CheckAttribute(failures, nameof(options.MemberAttribute), options.MemberAttribute);
        CheckAttribute(failures, nameof(options.GroupNameAttribute), options.GroupNameAttribute);
        CheckAttribute(failures, nameof(options.FullNameAttribute), options.FullNameAttribute);
        CheckAttribute(failures, nameof(options.EmailAttribute), options.EmailAttribute);
        if (options.MemberUidAttribute is { } memberUidAttribute)
        {
            CheckAttribute(failures, nameof(options.MemberUidAttribute), memberUidAttribute);
        }

        if (options.ActiveAccountFilter is { } filter && !(filter.StartsWith('(') && filter.EndsWith(')')))
        {
            failures.Add($"AsfQuart:Ldap:ActiveAccountFilter '{filter}' must be an LDAP filter in parentheses, for example \"(!(asf-banned=yes))\".");
        }

        if (options.TrustedCertificatesDirectory is { } directory)
        {
            if (OperatingSystem.IsWindows())
            {
                failures.Add("AsfQuart:Ldap:TrustedCertificatesDirectory works on Linux and macOS only. On Windows, add the CA to the machine's certificate store instead.");
            }
            else if (!Directory.Exists(directory))
            {
                failures.Add($"AsfQuart:Ldap:TrustedCertificatesDirectory '{directory}' does not exist.");
            }
        }

        if (options.ServiceBindDn is not null && string.IsNullOrEmpty(options.ServiceBindPassword))
        {
            failures.Add("AsfQuart:Ldap:ServiceBindPassword is missing, but ServiceBindDn is set. Set the password, or remove ServiceBindDn to search anonymously.");
        }

        CheckPositive(failures, nameof(options.ConnectTimeout), options.ConnectTimeout);
        CheckPositive(failures, nameof(options.OperationTimeout), options.OperationTimeout);
        CheckPositive(failures, nameof(options.AffiliationCacheDuration), options.AffiliationCacheDuration);
        CheckPositive(failures, nameof(options.FailedAttemptWindow), options.FailedAttemptWindow);

        if (options.FailedAttemptsPerUser < 1)
        {
            failures.Add($"AsfQuart:Ldap:FailedAttemptsPerUser must be at least 1; it is {options.FailedAttemptsPerUser}.");
        }

        if (options.FailedAttemptsPerAddress < 1)
        {
            failures.Add($"AsfQuart:Ldap:FailedAttemptsPerAddress must be at least 1; it is {options.FailedAttemptsPerAddress}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static void CheckAttribute(List<string> failures, string name, string value)
    {
        // RFC 4512 section 1.4: a descriptor is a letter followed by letters, digits and hyphens.
        if (value.Length == 0 || !char.IsAsciiLetter(value[0]) || !value.All(character => char.IsAsciiLetterOrDigit(character) || character == '-'))
        {
            failures.Add($"AsfQuart:Ldap:{name} '{value}' is not an attribute name: use a letter followed by letters, digits and '-'.");
        }
    }

    private static void CheckPositive(List<string> failures, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"AsfQuart:Ldap:{name} must be positive; it is {value}.");
        }
    }
}
