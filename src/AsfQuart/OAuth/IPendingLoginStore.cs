namespace AsfQuart;

/// <summary>
/// Stores started logins under their state until a callback takes them. A take removes the login, so
/// a state is accepted once. <see cref="DistributedPendingLoginStore"/> notes the one race it leaves.
/// </summary>
internal interface IPendingLoginStore
{
    /// <summary>Stores a started login under its state for <paramref name="lifetime"/>.</summary>
    ValueTask AddAsync(string state, PendingLogin login, TimeSpan lifetime, CancellationToken cancellationToken);

    /// <summary>Removes and returns the login stored under <paramref name="state"/>, or <see langword="null"/> when there is none.</summary>
    ValueTask<PendingLogin?> TakeAsync(string state, CancellationToken cancellationToken);
}
