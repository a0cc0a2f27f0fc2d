namespace Junction.Server.Middleware;

/// <summary>Request ids: the client's <c>x-request-id</c> when it is sane, else a new unique one.</summary>
internal static class RequestIds
{
    private const int MaxLength = 128;

    public static string FromClientOrNew(string? clientId) =>
        IsSane(clientId) ? clientId! : "req_" + Guid.NewGuid().ToString("N");

    /// <summary>1–128 characters of letters, digits and <c>-_.:</c>: safe in headers, logs and file names.</summary>
    public static bool IsSane(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            {
                return false;
            }
        }

        return true;
    }
}
