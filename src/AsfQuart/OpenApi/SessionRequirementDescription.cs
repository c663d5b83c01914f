using System.Text;

namespace AsfQuart;

/// <summary>
/// Writes the session requirements of an endpoint as a Markdown list for its OpenAPI description.
/// </summary>
internal static class SessionRequirementDescription
{
    private const string Heading = "Requires an AsfQuart session.";

    public static string Describe(IReadOnlyList<SessionRequirementMetadata> metadata)
    {
        var allOf = new List<string>();
        var anyOfGroups = new List<IReadOnlyList<string>>();
        var allScopes = new List<string>();
        var anyScopeGroups = new List<IReadOnlyList<string>>();

        foreach (var item in metadata)
        {
            // RequireScope and RequireAnyScope set Scopes; their requirements are the scope checks themselves.
            if (item.Scopes.Count > 0)
            {
                if (item.AnyOf.Count > 0)
                {
                    anyScopeGroups.Add(item.Scopes);
                }
                else
                {
                    allScopes.AddRange(item.Scopes);
                }

                continue;
            }

            allOf.AddRange(item.AllOf.Select(requirement => requirement.Name));
            if (item.AnyOf.Count > 0)
            {
                anyOfGroups.Add([.. item.AnyOf.Select(requirement => requirement.Name)]);
            }
        }

        var text = new StringBuilder(Heading);
        AppendLine(text, "Requirements, all of", allOf);
        foreach (var group in anyOfGroups)
        {
            AppendLine(text, "Requirements, one of", group);
        }

        AppendLine(text, "Scopes, all of", allScopes);
        foreach (var group in anyScopeGroups)
        {
            AppendLine(text, "Scopes, one of", group);
        }

        return text.ToString();
    }

    private static void AppendLine(StringBuilder text, string label, IReadOnlyList<string> names)
    {
        var distinct = names.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
        {
            return;
        }

        // A blank line after the heading, so Markdown starts a list rather than continuing the paragraph.
        text.Append(text.Length == Heading.Length ? "\n\n- " : "\n- ").Append(label).Append(": ").AppendJoin(", ", distinct.Select(name => $"`{name}`")).Append('.');
    }
}
