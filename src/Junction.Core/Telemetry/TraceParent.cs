using System.Diagnostics;

namespace Junction.Telemetry;

/// <summary>W3C trace context: continue the caller's trace, or start one, and name a new span for the upstream call.</summary>
public static class TraceParent
{
    /// <summary>
    /// The <c>traceparent</c> to send upstream: the current activity's when there is one, else the incoming
    /// header's trace id with a fresh span id, else a new trace.
    /// </summary>
    public static string ForUpstream(string? incoming)
    {
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity)
        {
            return activity.Id!;
        }

        var spanId = ActivitySpanId.CreateRandom().ToHexString();
        if (TryParse(incoming, out var traceId, out var flags))
        {
            return $"00-{traceId}-{spanId}-{flags}";
        }

        return $"00-{ActivityTraceId.CreateRandom().ToHexString()}-{spanId}-01";
    }

    /// <summary>Validates a <c>traceparent</c> header (version 00 form) and extracts its trace id and flags.</summary>
    public static bool TryParse(string? header, out string traceId, out string flags)
    {
        traceId = "";
        flags = "";
        if (header is null || header.Length != 55 || header[2] != '-' || header[35] != '-' || header[52] != '-')
        {
            return false;
        }

        var id = header.AsSpan(3, 32);
        if (!IsLowerHex(header.AsSpan(0, 2)) || !IsLowerHex(id) || !IsLowerHex(header.AsSpan(36, 16)) ||
            !IsLowerHex(header.AsSpan(53, 2)) || id.IndexOfAnyExcept('0') < 0)
        {
            return false;
        }

        traceId = id.ToString();
        flags = header.Substring(53, 2);
        return true;
    }

    private static bool IsLowerHex(ReadOnlySpan<char> value) => !value.ContainsAnyExcept("0123456789abcdef");
}
