namespace AsfQuart.Tests.Ldap;

/// <summary>One slapd with the test tree, shared by the tests of a class.</summary>
public sealed class SlapdFixture : IAsyncLifetime
{
    private SlapdServer? _server;

    public SlapdServer Server => _server ?? throw new InvalidOperationException("slapd has not started.");

    public async Task InitializeAsync()
    {
        _server = await SlapdServer.StartAsync();
        await _server.AddAsync(LdapTestDirectory.Ldif());
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
