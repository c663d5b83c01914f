using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AsfQuart;

/// <summary>
/// Documents an operation protected by <c>RequireAsfSession</c>: one security requirement per scheme
/// that is on (any one of them will do), the 401 and 403 responses, and the session requirements and
/// scopes in the description. Operations without <see cref="SessionRequirementMetadata"/> stay unchanged.
/// </summary>
internal sealed class SessionOperationTransformer : IOpenApiOperationTransformer
{
    private const string UnauthorizedDescription =
        "Unauthorized: the request has no session, or its bearer token or Basic credentials were not accepted. A browser navigation is redirected to the login endpoint instead.";

    private const string ForbiddenDescription =
        "Forbidden: the session does not meet the requirements of this endpoint, or the endpoint denied it.";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata.OfType<SessionRequirementMetadata>().ToList();
        if (metadata.Count == 0)
        {
            return Task.CompletedTask;
        }

        operation.Security ??= [];
        foreach (var scheme in AsfQuartSecuritySchemes.Enabled(context.ApplicationServices))
        {
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [],
            });
        }

        operation.Responses ??= [];
        operation.Responses.TryAdd("401", new OpenApiResponse { Description = UnauthorizedDescription });
        operation.Responses.TryAdd("403", new OpenApiResponse { Description = ForbiddenDescription });

        var requirements = SessionRequirementDescription.Describe(metadata);
        operation.Description = string.IsNullOrEmpty(operation.Description) ? requirements : operation.Description + "\n\n" + requirements;
        return Task.CompletedTask;
    }
}
