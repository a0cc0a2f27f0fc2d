using System.Net;

namespace Junction.Server.Auth;

/// <summary>Without a master key Junction is an open proxy to paid APIs, so it may only listen on loopback.</summary>
internal static class ListenAddressPolicy
{
    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ||
        (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>Null when the combination is allowed; otherwise the startup error to print.</summary>
    public static string? Check(string host, bool hasMasterKey) =>
        hasMasterKey || IsLoopback(host)
            ? null
            : $"Refusing to listen on '{host}' without a master key: anyone who can reach this address could spend your provider keys. " +
              "Set auth.master_key (for example master_key: ${JUNCTION_MASTER_KEY}) or listen on 127.0.0.1.";
}
