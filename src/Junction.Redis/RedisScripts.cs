namespace Junction.Redis;

/// <summary>
/// The Lua scripts. Each runs atomically on the server and uses the server's clock (<c>TIME</c>), so instances with
/// skewed clocks still agree on windows.
/// </summary>
internal static class RedisScripts
{
    /// <summary>
    /// Acquire. KEYS: per scope requests zset, tokens hash (second -> tokens), parallel zset (lease -> expiry ms).
    /// ARGV: lease id, scope count, lease ttl ms, then per scope rpm, tpm, max parallel (-1 = none).
    /// Returns {admitted 1|0, denied scope index, kind 1 rpm|2 tpm|3 parallel, retry ms, then per scope
    /// requests used, tokens used, requests reset ms, tokens reset ms}.
    /// </summary>
    public const string Acquire = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local lease, n, ttl, window = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), 60000
        local used, denied, kind, retry = {}, 0, 0, 0
        for i = 1, n do
          local req, tok, par = KEYS[3*i-2], KEYS[3*i-1], KEYS[3*i]
          local rpm, tpm, maxp = tonumber(ARGV[3*i+1]), tonumber(ARGV[3*i+2]), tonumber(ARGV[3*i+3])
          redis.call('ZREMRANGEBYSCORE', req, '-inf', now - window)
          local requests = redis.call('ZCARD', req)
          local first = redis.call('ZRANGE', req, 0, 0, 'WITHSCORES')
          local reqReset = first[2] and (tonumber(first[2]) + window - now) or 0
          local tokens, oldest = 0, now
          local fields = redis.call('HGETALL', tok)
          for j = 1, #fields, 2 do
            local ms = tonumber(fields[j]) * 1000
            if ms <= now - window then redis.call('HDEL', tok, fields[j])
            else tokens = tokens + tonumber(fields[j+1]); if ms < oldest then oldest = ms end end
          end
          local tokReset = tokens > 0 and (oldest + window - now) or 0
          redis.call('ZREMRANGEBYSCORE', par, '-inf', now)
          local inflight = redis.call('ZCARD', par)
          used[i] = {requests, tokens, reqReset, tokReset}
          if denied == 0 then
            if rpm >= 0 and requests >= rpm then denied, kind, retry = i, 1, reqReset
            elseif tpm >= 0 and tokens >= tpm then denied, kind, retry = i, 2, tokReset
            elseif maxp >= 0 and inflight >= maxp then denied, kind, retry = i, 3, 1000 end
          end
        end
        if denied == 0 then
          for i = 1, n do
            redis.call('ZADD', KEYS[3*i-2], now, lease)
            redis.call('PEXPIRE', KEYS[3*i-2], window + 1000)
            redis.call('ZADD', KEYS[3*i], now + ttl, lease)
            redis.call('PEXPIRE', KEYS[3*i], ttl + 1000)
            used[i][1] = used[i][1] + 1
            if used[i][3] == 0 then used[i][3] = window end
          end
        end
        local result = {denied == 0 and 1 or 0, denied, kind, retry}
        for i = 1, n do
          for k = 1, 4 do result[#result + 1] = used[i][k] end
        end
        return result
        """;

    /// <summary>Complete. KEYS: per scope tokens hash, parallel zset. ARGV: lease id, tokens, scope count.</summary>
    public const string Complete = """
        local t = redis.call('TIME')
        local second, lease, tokens, n = t[1], ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
        for i = 1, n do
          redis.call('ZREM', KEYS[2*i], lease)
          if tokens > 0 then
            redis.call('HINCRBY', KEYS[2*i-1], second, tokens)
            redis.call('EXPIRE', KEYS[2*i-1], 120)
          end
        end
        return 1
        """;

    /// <summary>
    /// Reserve. KEYS: per window counter hash (spent, reserved, r:ID -> amount), reservations zset (ID -> expiry ms).
    /// ARGV: reservation id, estimate, reservation ttl ms, window count, then per window limit, seed spent,
    /// expire-at unix seconds (0 = never). Expired reservations (a crashed instance) are released first.
    /// Returns 0 when reserved, else the 1-based index of the window without room.
    /// </summary>
    public const string Reserve = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local id, est, ttl, n = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
        for i = 1, n do
          local h, z = KEYS[2*i-1], KEYS[2*i]
          local limit, seed = tonumber(ARGV[3*i+2]), ARGV[3*i+3]
          redis.call('HSETNX', h, 'spent', seed)
          for _, rid in ipairs(redis.call('ZRANGEBYSCORE', z, '-inf', now)) do
            local amount = tonumber(redis.call('HGET', h, 'r:' .. rid) or '0')
            redis.call('HINCRBY', h, 'reserved', -amount)
            redis.call('HDEL', h, 'r:' .. rid)
            redis.call('ZREM', z, rid)
          end
          local spent = tonumber(redis.call('HGET', h, 'spent') or '0')
          local reserved = tonumber(redis.call('HGET', h, 'reserved') or '0')
          if spent + reserved >= limit then return i end
        end
        for i = 1, n do
          local h, z = KEYS[2*i-1], KEYS[2*i]
          redis.call('HINCRBY', h, 'reserved', est)
          redis.call('HSET', h, 'r:' .. id, est)
          redis.call('ZADD', z, now + ttl, id)
          local expireAt = tonumber(ARGV[3*i+4])
          if expireAt > 0 then
            redis.call('EXPIREAT', h, expireAt)
            redis.call('EXPIREAT', z, expireAt)
          end
        end
        return 0
        """;

    /// <summary>Settle. KEYS: per window counter hash, reservations zset. ARGV: reservation id, actual cost, window count.</summary>
    public const string Settle = """
        local id, actual, n = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
        for i = 1, n do
          local h, z = KEYS[2*i-1], KEYS[2*i]
          local amount = redis.call('HGET', h, 'r:' .. id)
          if amount then
            redis.call('HINCRBY', h, 'reserved', -tonumber(amount))
            redis.call('HDEL', h, 'r:' .. id)
            redis.call('ZREM', z, id)
          end
          if actual > 0 then redis.call('HINCRBY', h, 'spent', actual) end
        end
        return 1
        """;
}
