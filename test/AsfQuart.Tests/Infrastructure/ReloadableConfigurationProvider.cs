using Microsoft.Extensions.Configuration;

namespace AsfQuart.Tests.Infrastructure;

/// <summary>An in-memory configuration provider whose changes reach <c>IOptionsMonitor</c> as a reload.</summary>
public sealed class ReloadableConfigurationProvider : ConfigurationProvider
{
    public void SetAndReload(string key, string? value)
    {
        Data[key] = value;
        OnReload();
    }
}

public sealed class ReloadableConfigurationSource(ReloadableConfigurationProvider provider) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => provider;
}
