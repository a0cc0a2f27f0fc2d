namespace Junction.RateLimiting;

/// <summary>
/// RPM, TPM and parallel limits over one or more scopes, all-or-nothing: a request is admitted only when every scope
/// has room (the tightest limit wins), and then counts in all of them. RPM and TPM are sliding 60-second windows;
/// TPM counts the tokens requests reported, so it admits while the last minute's tokens are under the limit.
/// </summary>
public interface IRateLimiter
{
    ValueTask<RateLimitLease> AcquireAsync(IReadOnlyList<RateScope> scopes, CancellationToken cancellationToken);

    /// <summary>Records the request's tokens and frees its parallel slot. Idempotent per lease.</summary>
    ValueTask CompleteAsync(RateLimitLease lease, long tokens, CancellationToken cancellationToken);
}
