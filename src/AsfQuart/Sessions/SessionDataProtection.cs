using Microsoft.AspNetCore.DataProtection;

namespace AsfQuart;

/// <summary>
/// The Data Protection provider that session cookies are encrypted with: the application's own, or
/// an ephemeral one when <see cref="AsfQuartOptions.InMemoryKeys"/> is on.
/// </summary>
internal sealed class SessionDataProtection(IDataProtectionProvider provider)
{
    public IDataProtectionProvider Provider { get; } = provider;
}
