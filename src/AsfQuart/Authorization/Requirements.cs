namespace AsfQuart;

/// <summary>
/// The built-in requirements of asfquart, and factories for requirements on a committee, a project or a scope.
/// </summary>
public static class Requirements
{
    /// <summary>Gets a requirement that any session meets: the user is a committer or a role account.</summary>
    public static Requirement Committer { get; } =
        new("committer", _ => true, "This resource requires a logged-in committer.");

    /// <summary>Gets a requirement that the user is a member of the foundation.</summary>
    public static Requirement Member { get; } =
        new("member", session => session.IsMember, "This resource requires ASF membership.");

    /// <summary>Gets a requirement that the user is on at least one committee (PMC).</summary>
    public static Requirement PmcMember { get; } =
        new("pmc-member", session => session.Committees.Length > 0, "This resource requires membership of a project management committee.");

    /// <summary>Gets a requirement that the user chairs a committee.</summary>
    public static Requirement Chair { get; } =
        new("chair", session => session.IsChair, "This resource requires a committee chair.");

    /// <summary>Gets a requirement that the user has infrastructure root access.</summary>
    public static Requirement Root { get; } =
        new("root", session => session.IsRoot, "This resource requires infrastructure root access.");

    /// <summary>Gets a requirement that the user logged in with multi-factor authentication.</summary>
    public static Requirement MfaEnabled { get; } =
        new("mfa", session => session.Mfa, "This resource requires a login with multi-factor authentication.");

    /// <summary>Gets a requirement that the session belongs to a role account.</summary>
    public static Requirement RoleAccount { get; } =
        new("role-account", session => session.IsRoleAccount, "This resource requires a role account.");

    /// <summary>Creates a requirement that the user is on the given committee.</summary>
    /// <param name="committee">The committee name, for example <c>httpd</c>; compared ordinally.</param>
    /// <returns>The requirement.</returns>
    public static Requirement CommitteeMember(string committee)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(committee);

        return new(
            $"committee:{committee}",
            session => session.Committees.Contains(committee, StringComparer.Ordinal),
            $"This resource requires membership of the {committee} committee.");
    }

    /// <summary>Creates a requirement that the user is a committer on the given project.</summary>
    /// <param name="project">The project name, for example <c>tomcat</c>; compared ordinally.</param>
    /// <returns>The requirement.</returns>
    public static Requirement ProjectCommitter(string project)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(project);

        return new(
            $"project:{project}",
            session => session.Projects.Contains(project, StringComparer.Ordinal),
            $"This resource requires commit access to the {project} project.");
    }

    /// <summary>Creates a requirement that the session has the given scope in <c>Metadata["scope"]</c>.</summary>
    /// <param name="scope">The scope; compared ordinally.</param>
    /// <returns>The requirement.</returns>
    public static Requirement Scope(string scope)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);

        return new($"scope:{scope}", session => session.HasScope(scope), $"This resource requires the scope '{scope}'.");
    }
}
