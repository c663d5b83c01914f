using System.Runtime.InteropServices;

namespace AsfQuart;

/// <summary>
/// Sets the process-wide defaults of OpenLDAP's client library (libldap) for the connect timeout
/// (<c>LDAP_OPT_NETWORK_TIMEOUT</c>) and the timeout of synchronous operations (<c>LDAP_OPT_TIMEOUT</c>).
/// </summary>
/// <remarks>
/// On Linux and macOS, System.DirectoryServices.Protocols 10.0 binds through libldap's synchronous
/// bind and applies <c>LdapConnection.Timeout</c> only to requests, so a server that accepts the TCP
/// connection but never responds would block the bind, and its thread-pool thread, forever. libldap
/// copies these defaults into every connection it creates afterwards, so they also apply to any
/// other libldap user in the process.
/// </remarks>
internal static class OpenLdapTimeouts
{
    private const int OptionTimeout = 0x5002;
    private const int OptionNetworkTimeout = 0x5005;

    // The names System.DirectoryServices.Protocols loads, in its order, so both use one library instance.
    private static readonly string[] LibraryNames = ["libldap.so.2", "libldap-2.6.so.0", "libldap-2.5.so.0", "libldap-2.4.so.2"];

    private static readonly Lock SyncRoot = new();
    private static SetTimevalOption? s_setOption;
    private static bool s_loadAttempted;
    private static TimeSpan s_applied;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int SetTimevalOption(IntPtr ld, int option, ref Timeval value);

    /// <summary>Sets both defaults to <paramref name="timeout"/>; returns false when libldap could not be loaded.</summary>
    public static bool Apply(TimeSpan timeout)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        lock (SyncRoot)
        {
            if (s_applied == timeout)
            {
                return true;
            }

            var setOption = Load();
            if (setOption is null)
            {
                return false;
            }

            var value = new Timeval
            {
                Seconds = (nint)(timeout.Ticks / TimeSpan.TicksPerSecond),
                Microseconds = (nint)(timeout.Ticks % TimeSpan.TicksPerSecond / TimeSpan.TicksPerMicrosecond),
            };

            // A null handle sets the global defaults (ldap_set_option(3)); 0 is LDAP_OPT_SUCCESS.
            var ok = setOption(IntPtr.Zero, OptionNetworkTimeout, ref value) == 0
                & setOption(IntPtr.Zero, OptionTimeout, ref value) == 0;
            if (ok)
            {
                s_applied = timeout;
            }

            return ok;
        }
    }

    private static SetTimevalOption? Load()
    {
        if (s_loadAttempted)
        {
            return s_setOption;
        }

        s_loadAttempted = true;
        foreach (var name in LibraryNames)
        {
            if (NativeLibrary.TryLoad(name, out var library) && NativeLibrary.TryGetExport(library, "ldap_set_option", out var export))
            {
                s_setOption = Marshal.GetDelegateForFunctionPointer<SetTimevalOption>(export);
                break;
            }
        }

        return s_setOption;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timeval
    {
        public nint Seconds;
        public nint Microseconds;
    }
}
