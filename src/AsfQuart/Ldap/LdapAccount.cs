using System.Collections.Immutable;

namespace AsfQuart;

/// <summary>What the directory stores about a user: name, address, groups and role flags.</summary>
internal sealed record LdapAccount
{
    public required string Dn { get; init; }

    public string? FullName { get; init; }

    public string? Email { get; init; }

    public ImmutableArray<string> Committees { get; init; } = [];

    public ImmutableArray<string> Projects { get; init; } = [];

    public bool IsMember { get; init; }

    public bool IsChair { get; init; }

    public bool IsRoot { get; init; }
}
