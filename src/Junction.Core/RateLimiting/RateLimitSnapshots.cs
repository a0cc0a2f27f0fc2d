namespace Junction.RateLimiting;

/// <summary>Builds snapshots from per-scope usage.</summary>
public static class RateLimitSnapshots
{
    /// <summary>
    /// The tightest scope for requests and for tokens (least remaining). <paramref name="usage"/> has, per scope in
    /// order, the requests and tokens counted in the last minute and how long until each is back to full.
    /// </summary>
    public static RateLimitSnapshot From(IReadOnlyList<RateScope> scopes, IReadOnlyList<(long Requests, long Tokens, TimeSpan RequestsReset, TimeSpan TokensReset)> usage)
    {
        int? limitRequests = null, limitTokens = null;
        long remainingRequests = long.MaxValue, remainingTokens = long.MaxValue;
        TimeSpan resetRequests = TimeSpan.Zero, resetTokens = TimeSpan.Zero;
        for (var i = 0; i < scopes.Count; i++)
        {
            var (requests, tokens, requestsReset, tokensReset) = usage[i];
            if (scopes[i].Rpm is { } rpm && rpm - requests < remainingRequests)
            {
                (limitRequests, remainingRequests) = (rpm, Math.Max(0, rpm - requests));
                resetRequests = requests == 0 ? TimeSpan.Zero : requestsReset;
            }

            if (scopes[i].Tpm is { } tpm && tpm - tokens < remainingTokens)
            {
                (limitTokens, remainingTokens) = (tpm, Math.Max(0, tpm - tokens));
                resetTokens = tokens == 0 ? TimeSpan.Zero : tokensReset;
            }
        }

        return new RateLimitSnapshot(limitRequests, limitRequests is null ? 0 : remainingRequests, resetRequests,
            limitTokens, limitTokens is null ? 0 : remainingTokens, resetTokens);
    }
}
