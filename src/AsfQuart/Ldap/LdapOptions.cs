namespace AsfQuart;

/// <summary>
/// Configures LDAP Basic authentication and LDAP session validation. Bound from the
/// <c>AsfQuart:Ldap</c> configuration section, then from the delegate given at registration, and
/// validated at start-up.
/// </summary>
public sealed class LdapOptions
{
    /// <summary>The name of the configuration section that options are bound from.</summary>
    public const string SectionName = "AsfQuart:Ldap";

    /// <summary>
    /// Gets the directory servers as <c>ldap://host[:port]</c> or <c>ldaps://host[:port]</c> URIs,
    /// tried in order: the next one is used when a server cannot be reached. Required.
    /// </summary>
    public IList<string> Uris { get; } = [];

    /// <summary>
    /// Gets or sets the distinguished name of a user, with <c>%s</c> where the escaped user id goes,
    /// for example <c>uid=%s,ou=people,dc=apache,dc=org</c>. Required.
    /// </summary>
    public string UserDnTemplate { get; set; } = "";

    /// <summary>
    /// Gets or sets the base DN under which committee and project groups are searched, for example
    /// <c>ou=project,ou=groups,dc=apache,dc=org</c>. Required.
    /// </summary>
    public string GroupBase { get; set; } = "";

    /// <summary>Gets or sets the group attribute that lists the DNs of its owners; an owned group is a committee. Defaults to <c>owner</c>.</summary>
    public string OwnerAttribute { get; set; } = "owner";

    /// <summary>Gets or sets the group attribute that lists the DNs of its members; a group the user is a member of is a project. Defaults to <c>member</c>.</summary>
    public string MemberAttribute { get; set; } = "member";

    /// <summary>
    /// Gets or sets an extra group attribute that lists members by user id rather than by DN, such as
    /// <c>memberUid</c> of a <c>posixGroup</c>. Used for projects and for the member, chair and root
    /// groups. <see langword="null"/> (the default) matches by DN only.
    /// </summary>
    public string? MemberUidAttribute { get; set; }

    /// <summary>Gets or sets the group attribute whose value names a committee or project. Defaults to <c>cn</c>.</summary>
    public string GroupNameAttribute { get; set; } = "cn";

    /// <summary>Gets or sets the DN of the group whose members get <see cref="Session.IsMember"/>. <see langword="null"/> (the default) leaves it false.</summary>
    public string? MemberGroup { get; set; }

    /// <summary>Gets or sets the DN of the group whose members get <see cref="Session.IsChair"/>. <see langword="null"/> (the default) leaves it false.</summary>
    public string? ChairGroup { get; set; }

    /// <summary>Gets or sets the DN of the group whose members get <see cref="Session.IsRoot"/>. <see langword="null"/> (the default) leaves it false.</summary>
    public string? RootGroup { get; set; }

    /// <summary>Gets or sets the user attribute read into <see cref="Session.FullName"/>. Defaults to <c>cn</c>.</summary>
    public string FullNameAttribute { get; set; } = "cn";

    /// <summary>
    /// Gets or sets the user attribute read into <see cref="Session.Email"/>. Defaults to <c>mail</c>;
    /// a user without it keeps the default address <c>{uid}@apache.org</c>.
    /// </summary>
    public string EmailAttribute { get; set; } = "mail";

    /// <summary>
    /// Gets or sets an LDAP filter that the user's entry must match for the account to count as
    /// active, for example <c>(!(asf-banned=yes))</c>. <see langword="null"/> (the default) accepts
    /// every existing entry.
    /// </summary>
    public string? ActiveAccountFilter { get; set; }

    /// <summary>
    /// Gets or sets the DN of a group that an active account must be a member of; a user missing from
    /// it counts as disabled. <see langword="null"/> (the default) requires no group.
    /// </summary>
    public string? ActiveAccountGroup { get; set; }

    /// <summary>
    /// Gets or sets the DN that session validation binds as to look up accounts. <see langword="null"/>
    /// (the default) makes it search anonymously.
    /// </summary>
    public string? ServiceBindDn { get; set; }

    /// <summary>Gets or sets the password of <see cref="ServiceBindDn"/>.</summary>
    public string? ServiceBindPassword { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether an <c>ldap://</c> connection is upgraded with the
    /// StartTLS extended operation before the bind. Defaults to <see langword="false"/>; it has no
    /// effect on <c>ldaps://</c> servers, which use TLS from the start.
    /// </summary>
    public bool StartTls { get; set; }

    /// <summary>
    /// Gets or sets a folder of trusted CA certificates (OpenSSL hashed names, as made by
    /// <c>c_rehash</c>) used to check the server certificate instead of the system store. The server
    /// certificate is always checked; this only adds trust in a private CA. Linux and macOS only.
    /// </summary>
    public string? TrustedCertificatesDirectory { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether plain <c>ldap://</c> without StartTLS is accepted, so
    /// passwords cross the network unencrypted. Defaults to <see langword="false"/>; meant for a
    /// directory on the same host or in tests.
    /// </summary>
    public bool AllowUnencrypted { get; set; }

    /// <summary>
    /// Gets or sets how long connecting and binding to one server may take before the next server is
    /// tried. Defaults to 5 seconds.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how long one search may take. Defaults to 5 seconds.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets how long the committees, projects and flags of a user are kept after a lookup.
    /// The password is still checked by a bind on every request. Defaults to 1 hour.
    /// </summary>
    public TimeSpan AffiliationCacheDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Gets or sets how many failed Basic logins one user id may have within <see cref="FailedAttemptWindow"/>
    /// before its requests get 429 Too Many Requests. Defaults to 5.
    /// </summary>
    public int FailedAttemptsPerUser { get; set; } = 5;

    /// <summary>
    /// Gets or sets how many failed Basic logins one client address may have within
    /// <see cref="FailedAttemptWindow"/> before its requests get 429 Too Many Requests. Defaults to 20.
    /// </summary>
    public int FailedAttemptsPerAddress { get; set; } = 20;

    /// <summary>Gets or sets the fixed window in which failed logins are counted. Defaults to 15 minutes.</summary>
    public TimeSpan FailedAttemptWindow { get; set; } = TimeSpan.FromMinutes(15);
}
