using System.DirectoryServices.Protocols;

namespace AsfQuart;

/// <summary>
/// An <see cref="LdapConnection"/> after a successful bind, whose searches give up after a timeout
/// measured by the caller.
/// </summary>
/// <remarks>
/// On Linux, System.DirectoryServices.Protocols 10.0 can block in <c>SendRequest</c> past its timeout
/// when the server accepts data but never responds. A search therefore runs on a thread-pool thread
/// and the caller stops waiting when the timeout passes. The connection is then closed only after
/// that thread returns, because libldap does not allow closing a connection that another thread is
/// using. NOTE: until the server responds or the TCP connection breaks, that thread stays blocked.
/// </remarks>
internal sealed class LdapBoundConnection(LdapConnection connection) : IDisposable
{
    private Task? _abandoned;

    public async Task<SearchResponse> SearchAsync(SearchRequest request, TimeSpan timeout)
    {
        var pending = Task.Run(() => (SearchResponse)connection.SendRequest(request, timeout));
        try
        {
            return await pending.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _abandoned = pending;
            throw;
        }
    }

    public void Dispose()
    {
        if (_abandoned is { IsCompleted: false } abandoned)
        {
            abandoned.ContinueWith(_ => connection.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return;
        }

        connection.Dispose();
    }
}
