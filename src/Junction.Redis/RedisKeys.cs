namespace Junction.Redis;

/// <summary>
/// Key and channel names. Every key carries the hash tag <c>{gov}</c> so a script's keys share one slot
/// (a Redis Cluster runs multi-key scripts only within a slot).
/// </summary>
internal sealed class RedisKeys(string prefix)
{
    public string Requests(string scope) => $"{prefix}{{gov}}:rl:req:{scope}";

    public string Tokens(string scope) => $"{prefix}{{gov}}:rl:tok:{scope}";

    public string Parallel(string scope) => $"{prefix}{{gov}}:rl:par:{scope}";

    public string Budget(string scope, long start) => $"{prefix}{{gov}}:bud:{scope}:{start}";

    public string Reservations(string scope, long start) => $"{prefix}{{gov}}:bres:{scope}:{start}";

    public string KeyChannel => prefix + "keys";

    public string RolloutChannel => prefix + "rollouts";
}
