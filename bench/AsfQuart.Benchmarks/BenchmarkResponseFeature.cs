using Microsoft.AspNetCore.Http.Features;

namespace AsfQuart.Benchmarks;

/// <summary>
/// A response feature that keeps the <c>OnStarting</c> callbacks, so a benchmark can run them the way
/// Kestrel does before the first byte of the response.
/// </summary>
internal sealed class BenchmarkResponseFeature : HttpResponseFeature
{
    private readonly List<(Func<object, Task> Callback, object State)> _onStarting = [];

    public int OnStartingCount => _onStarting.Count;

    public override void OnStarting(Func<object, Task> callback, object state) => _onStarting.Add((callback, state));

    public async Task StartAsync()
    {
        // Kestrel runs them last registered, first run.
        for (var index = _onStarting.Count - 1; index >= 0; index--)
        {
            var (callback, state) = _onStarting[index];
            await callback(state).ConfigureAwait(false);
        }
    }
}
