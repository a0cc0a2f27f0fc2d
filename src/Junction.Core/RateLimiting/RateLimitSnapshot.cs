namespace Junction.RateLimiting;

/// <summary>
/// What the <c>x-ratelimit-*</c> headers report: for requests and for tokens, the limit of the tightest scope, what
/// remains of it in the current minute, and how long until it is back to full. Null limits are not reported.
/// </summary>
public sealed record RateLimitSnapshot(
    int? LimitRequests, long RemainingRequests, TimeSpan ResetRequests,
    int? LimitTokens, long RemainingTokens, TimeSpan ResetTokens);
