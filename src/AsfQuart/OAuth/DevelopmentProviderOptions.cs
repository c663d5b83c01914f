namespace AsfQuart;

/// <summary>Configures the development provider: the identities its picker page offers.</summary>
public sealed class DevelopmentProviderOptions
{
    /// <summary>Gets the identities a developer can log in as. At least one is required when the provider is on.</summary>
    public IList<DevelopmentIdentity> Identities { get; } = [];
}

/// <summary>An identity offered by the development provider, with the ASF roles its session gets.</summary>
public sealed class DevelopmentIdentity
{
    /// <summary>Gets or sets the user id. Required and unique.</summary>
    public string Uid { get; set; } = "";

    /// <summary>Gets or sets the display name.</summary>
    public string? FullName { get; set; }

    /// <summary>Gets or sets the email address, <c>{Uid}@apache.org</c> when not set.</summary>
    public string? Email { get; set; }

    /// <summary>Gets or sets a value indicating whether the user is a member of the foundation.</summary>
    public bool IsMember { get; set; }

    /// <summary>Gets or sets a value indicating whether the user chairs a committee.</summary>
    public bool IsChair { get; set; }

    /// <summary>Gets or sets a value indicating whether the user has infrastructure root access.</summary>
    public bool IsRoot { get; set; }

    /// <summary>Gets the committees (PMCs) of the user.</summary>
    public IList<string> Committees { get; } = [];

    /// <summary>Gets the projects the user commits to.</summary>
    public IList<string> Projects { get; } = [];

    /// <summary>Gets or sets a value indicating whether the session reports a login with MFA.</summary>
    public bool Mfa { get; set; }
}
