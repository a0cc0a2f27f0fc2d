using Junction.RateLimiting;
using StackExchange.Redis;

namespace Junction.Redis;

/// <summary>
/// <see cref="IRateLimiter"/> shared by every instance: one Lua script checks and counts all scopes of a request
/// atomically (sliding 60-second windows: a sorted set of request ids for RPM, per-second token buckets for TPM) and
/// holds a parallel slot as a sorted-set member that expires after <see cref="LeaseTtl"/>, so a crashed instance
/// cannot hold slots forever.
/// </summary>
internal sealed class RedisRateLimiter : IRateLimiter
{
    public static readonly TimeSpan LeaseTtl = TimeSpan.FromMinutes(15);

    private readonly IDatabase _database;
    private readonly RedisKeys _keys;

    public RedisRateLimiter(IDatabase database, RedisKeys keys)
    {
        _database = database;
        _keys = keys;
    }

    public async ValueTask<RateLimitLease> AcquireAsync(IReadOnlyList<RateScope> scopes, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        var keys = scopes.SelectMany(s => new RedisKey[] { _keys.Requests(s.Scope), _keys.Tokens(s.Scope), _keys.Parallel(s.Scope) }).ToArray();
        var args = new List<RedisValue> { id, scopes.Count, (long)LeaseTtl.TotalMilliseconds };
        foreach (var scope in scopes)
        {
            args.Add(scope.Rpm ?? -1);
            args.Add(scope.Tpm ?? -1);
            args.Add(scope.MaxParallel ?? -1);
        }

        var result = (RedisResult[])(await _database.ScriptEvaluateAsync(RedisScripts.Acquire, keys, [.. args]).ConfigureAwait(false))!;
        var usage = new List<(long, long, TimeSpan, TimeSpan)>(scopes.Count);
        for (var i = 0; i < scopes.Count; i++)
        {
            var at = 4 + (i * 4);
            usage.Add(((long)result[at], (long)result[at + 1], TimeSpan.FromMilliseconds((long)result[at + 2]), TimeSpan.FromMilliseconds((long)result[at + 3])));
        }

        var lease = new RateLimitLease(id, scopes) { Snapshot = RateLimitSnapshots.From(scopes, usage) };
        if ((long)result[0] == 1)
        {
            return lease;
        }

        var denied = (int)(long)result[1] - 1;
        return lease with
        {
            DeniedScope = scopes[denied].Scope,
            DeniedLimit = (long)result[2] switch { 1 => RateLimitNames.Rpm, 2 => RateLimitNames.Tpm, _ => RateLimitNames.MaxParallel },
            RetryAfter = TimeSpan.FromMilliseconds(Math.Max(1, (long)result[3])),
        };
    }

    public async ValueTask CompleteAsync(RateLimitLease lease, long tokens, CancellationToken cancellationToken)
    {
        var keys = lease.Scopes.SelectMany(s => new RedisKey[] { _keys.Tokens(s.Scope), _keys.Parallel(s.Scope) }).ToArray();
        await _database.ScriptEvaluateAsync(RedisScripts.Complete, keys, [lease.Id, tokens, lease.Scopes.Count]).ConfigureAwait(false);
    }
}
