namespace AsfQuart;

/// <summary>Checks a session against every <see cref="SessionRequirementMetadata"/> of an endpoint, collecting all failures.</summary>
internal sealed class SessionRequirementChecker
{
    private readonly SessionRequirementMetadata[] _requirements;

    public SessionRequirementChecker(IEnumerable<SessionRequirementMetadata> requirements)
    {
        _requirements = [.. requirements.Where(metadata => metadata.AllOf.Count > 0 || metadata.AnyOf.Count > 0)];
    }

    public bool IsEmpty => _requirements.Length == 0;

    // Returns null when the session passes, else every message of every failed requirement.
    public List<string>? Check(Session session)
    {
        List<string>? failures = null;
        foreach (var metadata in _requirements)
        {
            foreach (var requirement in metadata.AllOf)
            {
                if (!requirement.IsMetBy(session))
                {
                    (failures ??= []).Add(requirement.FailureMessage);
                }
            }

            if (metadata.AnyOf.Count > 0 && !metadata.AnyOf.Any(requirement => requirement.IsMetBy(session)))
            {
                (failures ??= []).Add(AnyOfMessage(metadata.AnyOf));
            }
        }

        return failures;
    }

    private static string AnyOfMessage(IReadOnlyList<Requirement> anyOf) => anyOf.Count == 1
        ? anyOf[0].FailureMessage
        : "This resource requires one of the following:\n" + string.Join("\n", anyOf.Select(requirement => "- " + requirement.FailureMessage));
}
