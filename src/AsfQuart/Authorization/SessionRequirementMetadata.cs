namespace AsfQuart;

/// <summary>
/// Endpoint metadata added by <c>RequireAsfSession</c> and <c>RequireScope</c>: the endpoint needs a
/// session that meets every requirement in <see cref="AllOf"/> and, when <see cref="AnyOf"/> is not
/// empty, at least one requirement in it. An endpoint with several of these must pass them all.
/// </summary>
public sealed class SessionRequirementMetadata
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="allOf">The requirements that must all be met.</param>
    /// <param name="anyOf">The requirements of which one must be met; empty for none.</param>
    public SessionRequirementMetadata(IEnumerable<Requirement> allOf, IEnumerable<Requirement> anyOf)
    {
        ArgumentNullException.ThrowIfNull(allOf);
        ArgumentNullException.ThrowIfNull(anyOf);

        AllOf = [.. allOf];
        AnyOf = [.. anyOf];
        foreach (var requirement in AllOf.Concat(AnyOf))
        {
            ArgumentNullException.ThrowIfNull(requirement, nameof(allOf));
        }
    }

    /// <summary>Gets the requirements that must all be met.</summary>
    public IReadOnlyList<Requirement> AllOf { get; }

    /// <summary>Gets the requirements of which at least one must be met, when there are any.</summary>
    public IReadOnlyList<Requirement> AnyOf { get; }

    /// <summary>Gets the scopes that requirements of this metadata ask for, for API documents.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];
}
