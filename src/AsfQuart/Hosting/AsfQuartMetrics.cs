using System.Diagnostics.Metrics;

namespace AsfQuart;

/// <summary>
/// The metrics of AsfQuart on the <c>AsfQuart</c> meter: sessions resolved by source, and requests
/// denied by reason.
/// </summary>
internal sealed class AsfQuartMetrics
{
    public const string MeterName = "AsfQuart";

    private readonly Counter<long> _sessionsResolved;
    private readonly Counter<long> _failures;

    public AsfQuartMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _sessionsResolved = meter.CreateCounter<long>("asfquart.sessions.resolved", "{session}", "Sessions resolved from a request, by source.");
        _failures = meter.CreateCounter<long>("asfquart.access.failures", "{request}", "Requests denied or challenged, by reason.");
    }

    public void SessionResolved(SessionSource source)
    {
        if (_sessionsResolved.Enabled)
        {
            _sessionsResolved.Add(1, new KeyValuePair<string, object?>("source", SourceTag(source)));
        }
    }

    public void Failure(string reason)
    {
        if (_failures.Enabled)
        {
            _failures.Add(1, new KeyValuePair<string, object?>("reason", reason));
        }
    }

    private static string SourceTag(SessionSource source) => source switch
    {
        SessionSource.Cookie => "cookie",
        SessionSource.Token => "token",
        _ => "basic",
    };
}
