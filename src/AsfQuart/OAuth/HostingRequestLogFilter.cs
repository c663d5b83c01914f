using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsfQuart;

/// <summary>
/// Raises the minimum level of ASP.NET Core's request lines ("Request starting", "Request finished")
/// to Warning, unless <see cref="AsfOAuthOptions.KeepHostingRequestLogs"/> is set. Those Information
/// lines contain the full query string, and the query of an OAuth callback contains the code and state.
/// </summary>
/// <remarks>
/// The setting is read by running the configure steps of <see cref="AsfOAuthOptions"/> without
/// validating them: the logger factory is built before start-up validation, and an invalid setting
/// must fail there, with its own message, rather than here.
/// </remarks>
internal sealed class HostingRequestLogFilter(IEnumerable<IConfigureOptions<AsfOAuthOptions>> setups) : IConfigureOptions<LoggerFilterOptions>
{
    public const string Category = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public void Configure(LoggerFilterOptions options)
    {
        var oauthOptions = new AsfOAuthOptions();
        foreach (var setup in setups)
        {
            setup.Configure(oauthOptions);
        }

        if (!oauthOptions.KeepHostingRequestLogs)
        {
            options.AddFilter(Category, LogLevel.Warning);
        }
    }
}
