using System.Collections.Immutable;
using System.Text.Json;

namespace AsfQuart;

/// <summary>
/// Applies the change one request made to a session onto the version that is stored now, field by
/// field and <see cref="Session.Metadata"/> key by key, so two requests that changed different
/// fields both keep their change.
/// </summary>
internal static class ServerSideSessionMerge
{
    /// <summary>
    /// Returns <paramref name="current"/> with every field that differs between <paramref name="original"/>
    /// (what the request read) and <paramref name="changed"/> (what it wrote) taken from <paramref name="changed"/>.
    /// </summary>
    public static Session Merge(Session original, Session changed, Session current) => current with
    {
        Dn = Pick(original.Dn, changed.Dn, current.Dn),
        FullName = Pick(original.FullName, changed.FullName, current.FullName),
        Email = Pick(original.Email, changed.Email, current.Email),
        IsMember = Pick(original.IsMember, changed.IsMember, current.IsMember),
        IsChair = Pick(original.IsChair, changed.IsChair, current.IsChair),
        IsRoot = Pick(original.IsRoot, changed.IsRoot, current.IsRoot),
        Committees = SameItems(original.Committees, changed.Committees) ? current.Committees : changed.Committees,
        Projects = SameItems(original.Projects, changed.Projects) ? current.Projects : changed.Projects,
        Mfa = Pick(original.Mfa, changed.Mfa, current.Mfa),
        IsRoleAccount = Pick(original.IsRoleAccount, changed.IsRoleAccount, current.IsRoleAccount),
        Metadata = MergeMetadata(original.Metadata, changed.Metadata, current.Metadata),
        LastAccessedAt = changed.LastAccessedAt > current.LastAccessedAt ? changed.LastAccessedAt : current.LastAccessedAt,
    };

    /// <summary>Determines whether <paramref name="changed"/> differs from <paramref name="original"/> in more than its last-access time.</summary>
    public static bool HasChanges(Session original, Session changed) =>
        original.Uid != changed.Uid
        || original.Dn != changed.Dn
        || original.FullName != changed.FullName
        || original.Email != changed.Email
        || original.IsMember != changed.IsMember
        || original.IsChair != changed.IsChair
        || original.IsRoot != changed.IsRoot
        || !SameItems(original.Committees, changed.Committees)
        || !SameItems(original.Projects, changed.Projects)
        || original.Mfa != changed.Mfa
        || original.IsRoleAccount != changed.IsRoleAccount
        || !SameMetadata(original.Metadata, changed.Metadata);

    private static T Pick<T>(T original, T changed, T current) =>
        EqualityComparer<T>.Default.Equals(original, changed) ? current : changed;

    private static bool SameItems(ImmutableArray<string> left, ImmutableArray<string> right) =>
        (left.IsDefaultOrEmpty && right.IsDefaultOrEmpty)
        || (!left.IsDefault && !right.IsDefault && left.SequenceEqual(right, StringComparer.Ordinal));

    private static bool SameMetadata(ImmutableDictionary<string, JsonElement> left, ImmutableDictionary<string, JsonElement> right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left.Count != right.Count)
        {
            return false;
        }

        foreach (var (key, value) in left)
        {
            if (!right.TryGetValue(key, out var other) || !JsonElement.DeepEquals(value, other))
            {
                return false;
            }
        }

        return true;
    }

    private static ImmutableDictionary<string, JsonElement> MergeMetadata(
        ImmutableDictionary<string, JsonElement> original,
        ImmutableDictionary<string, JsonElement> changed,
        ImmutableDictionary<string, JsonElement> current)
    {
        if (ReferenceEquals(original, changed))
        {
            return current;
        }

        var merged = current.ToBuilder();
        foreach (var (key, value) in changed)
        {
            if (!original.TryGetValue(key, out var before) || !JsonElement.DeepEquals(before, value))
            {
                merged[key] = value;
            }
        }

        foreach (var key in original.Keys)
        {
            if (!changed.ContainsKey(key))
            {
                merged.Remove(key);
            }
        }

        return merged.ToImmutable();
    }
}
