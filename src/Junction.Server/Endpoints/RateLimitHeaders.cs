using System.Globalization;
using Junction.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace Junction.Server.Endpoints;

/// <summary>
/// OpenAI's rate-limit headers for a virtual key: <c>x-ratelimit-limit-requests</c>, <c>x-ratelimit-remaining-requests</c>,
/// <c>x-ratelimit-reset-requests</c> (a Go duration such as <c>1s</c> or <c>6m0s</c>) and the same for tokens.
/// </summary>
internal static class RateLimitHeaders
{
    public static void Stamp(IHeaderDictionary headers, RateLimitSnapshot snapshot)
    {
        if (snapshot.LimitRequests is { } rpm)
        {
            headers["x-ratelimit-limit-requests"] = rpm.ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-remaining-requests"] = snapshot.RemainingRequests.ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-reset-requests"] = GoDuration(snapshot.ResetRequests);
        }

        if (snapshot.LimitTokens is { } tpm)
        {
            headers["x-ratelimit-limit-tokens"] = tpm.ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-remaining-tokens"] = snapshot.RemainingTokens.ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-reset-tokens"] = GoDuration(snapshot.ResetTokens);
        }
    }

    /// <summary>Go's <c>time.Duration</c> format: <c>0s</c>, <c>20ms</c>, <c>1.5s</c>, <c>6m0s</c>, <c>1h2m3s</c>.</summary>
    public static string GoDuration(TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            return "0s";
        }

        if (value < TimeSpan.FromSeconds(1))
        {
            return ((long)Math.Ceiling(value.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture) + "ms";
        }

        var seconds = (value.TotalSeconds % 60).ToString("0.###", CultureInfo.InvariantCulture) + "s";
        var hours = (long)value.TotalHours;
        return hours > 0 ? $"{hours}h{value.Minutes}m{seconds}"
            : value.Minutes > 0 ? $"{value.Minutes}m{seconds}"
            : seconds;
    }
}
