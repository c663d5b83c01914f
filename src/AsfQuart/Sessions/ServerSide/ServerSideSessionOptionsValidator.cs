using Microsoft.Extensions.Options;

namespace AsfQuart;

/// <summary>Checks <see cref="ServerSideSessionOptions"/> once at start-up.</summary>
internal sealed class ServerSideSessionOptionsValidator : IValidateOptions<ServerSideSessionOptions>
{
    public ValidateOptionsResult Validate(string? name, ServerSideSessionOptions options)
    {
        var failures = new List<string>();

        if (options.OperationTimeout <= TimeSpan.Zero)
        {
            failures.Add($"ServerSideSessionOptions.OperationTimeout must be positive; it is {options.OperationTimeout}.");
        }

        if (options.KeyPrefix is null)
        {
            failures.Add("ServerSideSessionOptions.KeyPrefix is null. Set it to a string such as \"asfquart:\", or to \"\" for no prefix.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
