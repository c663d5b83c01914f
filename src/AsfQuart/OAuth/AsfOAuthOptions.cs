namespace AsfQuart;

/// <summary>
/// Configures the OAuth login endpoint that <c>MapAsfOAuth</c> maps. Bound from the
/// <c>AsfQuart:OAuth</c> configuration section, then from the delegate given to <c>AddAsfOAuth</c>,
/// and validated at start-up.
/// </summary>
public sealed class AsfOAuthOptions
{
    /// <summary>The name of the configuration section that options are bound from.</summary>
    public const string SectionName = "AsfQuart:OAuth";

    /// <summary>Gets or sets the identity provider that logs users in. Defaults to <see cref="OAuthProviderKind.Asf"/>.</summary>
    public OAuthProviderKind Provider { get; set; } = OAuthProviderKind.Asf;

    /// <summary>
    /// Gets or sets how long a started login waits for its callback before its state expires.
    /// Defaults to 900 seconds.
    /// </summary>
    public TimeSpan StateLifetime { get; set; } = TimeSpan.FromSeconds(900);

    /// <summary>
    /// Gets or sets the maximum number of started logins kept in memory when no distributed cache is
    /// registered. When the store is full, the oldest pending login is dropped. Defaults to 10,000.
    /// </summary>
    public int MaxPendingLogins { get; set; } = 10_000;

    /// <summary>
    /// Gets or sets how long a call to the provider (code exchange, discovery, keys) may take before
    /// the login fails with 502 Bad Gateway. Defaults to 10 seconds.
    /// </summary>
    public TimeSpan ProviderTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets the value of the <c>Clear-Site-Data</c> header of a logout. Defaults to
    /// <c>"cache", "cookies", "storage"</c>. Browsers apply <c>"cookies"</c> to the whole registrable
    /// domain, subdomains included (MDN, Clear-Site-Data), so applications that share one with others may prefer
    /// <c>"cache", "storage"</c>. An empty value sends no header.
    /// </summary>
    public string ClearSiteData { get; set; } = "\"cache\", \"cookies\", \"storage\"";

    /// <summary>
    /// Gets or sets a value indicating whether ASP.NET Core's Information-level request lines of the
    /// <c>Microsoft.AspNetCore.Hosting.Diagnostics</c> category stay on. Defaults to
    /// <see langword="false"/>: <c>AddAsfOAuth</c> raises that category to Warning, because the lines
    /// contain the query string, which for an OAuth callback contains the code and state.
    /// </summary>
    public bool KeepHostingRequestLogs { get; set; }

    /// <summary>Gets the settings of the ASF provider (<c>oauth.apache.org</c>).</summary>
    public AsfProviderOptions Asf { get; } = new();

    /// <summary>Gets the settings of the generic OpenID Connect provider.</summary>
    public OpenIdConnectProviderOptions OpenIdConnect { get; } = new();

    /// <summary>Gets the settings of the development provider, a local identity picker.</summary>
    public DevelopmentProviderOptions Development { get; } = new();
}
