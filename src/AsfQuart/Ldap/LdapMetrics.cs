using System.Diagnostics.Metrics;

namespace AsfQuart;

/// <summary>
/// The LDAP metrics on the <c>AsfQuart</c> meter: binds by result, account lookups (each one a set of
/// searches), and LDAP search operations.
/// </summary>
internal sealed class LdapMetrics
{
    public const string BindsInstrument = "asfquart.ldap.binds";
    public const string LookupsInstrument = "asfquart.ldap.account_lookups";
    public const string SearchesInstrument = "asfquart.ldap.searches";

    private readonly Counter<long> _binds;
    private readonly Counter<long> _lookups;
    private readonly Counter<long> _searches;

    public LdapMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(AsfQuartMetrics.MeterName);
        _binds = meter.CreateCounter<long>(BindsInstrument, "{bind}", "LDAP binds, by result.");
        _lookups = meter.CreateCounter<long>(LookupsInstrument, "{lookup}", "Account lookups in the directory: the entry, groups and role flags of one user.");
        _searches = meter.CreateCounter<long>(SearchesInstrument, "{search}", "LDAP search operations sent.");
    }

    public void Bind(string result) => _binds.Add(1, new KeyValuePair<string, object?>("result", result));

    public void Lookup() => _lookups.Add(1);

    public void Search() => _searches.Add(1);
}
