using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Testing;

namespace AsfQuart.Tests.Hostile;

/// <summary>The checks every hostile request must pass: the exact status, no 500, nothing stored, no secret anywhere.</summary>
internal static class HostileAssert
{
    // Long enough that a real log line cannot contain it by chance.
    private const int SecretPrefixLength = 16;

    /// <summary>Checks that the request got exactly <paramref name="expectedStatus"/>, set no cookie and leaked none of <paramref name="secrets"/>.</summary>
    public static void Handled(HostileResponse response, FakeLogCollector logs, int expectedStatus, params string[] secrets)
    {
        Assert.NotEqual(StatusCodes.Status500InternalServerError, response.StatusCode);
        Assert.Equal(expectedStatus, response.StatusCode);
        Assert.Empty(response.SetCookies);
        NoSecretLeaked(response, logs, secrets);
    }

    /// <summary>Checks that neither the response nor any captured log record, at any level, contains a secret or its start.</summary>
    public static void NoSecretLeaked(HostileResponse response, FakeLogCollector logs, params string[] secrets)
    {
        Assert.DoesNotContain("   at ", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", response.Body, StringComparison.Ordinal);

        var records = logs.GetSnapshot();
        foreach (var secret in secrets.Where(secret => secret.Length > 0))
        {
            var probes = secret.Length > SecretPrefixLength ? new[] { secret, secret[..SecretPrefixLength] } : [secret];
            foreach (var probe in probes)
            {
                Assert.DoesNotContain(probe, response.Body, StringComparison.Ordinal);
                foreach (var header in response.Headers)
                {
                    Assert.DoesNotContain(probe, header.Value.ToString(), StringComparison.Ordinal);
                }

                foreach (var record in records)
                {
                    Assert.False(RecordText(record).Contains(probe, StringComparison.Ordinal), $"The log record {record.Id} ({record.Level}, {record.Category}) contains a secret.");
                }
            }
        }
    }

    private static string RecordText(FakeLogRecord record)
    {
        var state = record.StructuredState is null ? "" : string.Join("\n", record.StructuredState.Select(pair => pair.Key + "=" + pair.Value));
        var scopes = string.Join("\n", record.Scopes.Select(scope => scope?.ToString()));
        return record.Message + "\n" + state + "\n" + scopes + "\n" + record.Exception;
    }
}
