using Microsoft.Extensions.Logging.Testing;

namespace AsfQuart.Tests.Infrastructure;

public static class LogAssert
{
    /// <summary>Asserts that no captured log record, at any level, contains any of the secrets in its message, state or exception.</summary>
    public static void NoSecret(FakeLogCollector logs, params string[] secrets)
    {
        var records = logs.GetSnapshot();
        Assert.NotEmpty(records);
        foreach (var record in records)
        {
            var text = string.Join(
                "\n",
                record.Message,
                record.Exception?.ToString() ?? "",
                string.Join("\n", record.StructuredState?.Select(pair => $"{pair.Key}={pair.Value}") ?? []));
            foreach (var secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"The log record '{record.Message}' of {record.Category} contains a secret.");
            }
        }
    }
}
