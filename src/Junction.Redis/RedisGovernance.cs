using Junction.Budgets;
using Junction.Configuration;
using Junction.Keys;
using StackExchange.Redis;

namespace Junction.Redis;

/// <summary>Connects to Redis and builds the shared <see cref="GovernanceServices"/>.</summary>
public static class RedisGovernance
{
    public static async Task<GovernanceServices> CreateAsync(
        IGovernanceStore store, RedisOptions redis, GovernanceOptions options, TimeProvider timeProvider, Action<Exception>? onError = null)
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(ParseUrl(redis.Url!)).ConfigureAwait(false);
        var keys = new RedisKeys(redis.KeyPrefix);
        var database = connection.GetDatabase();
        var writer = new SpendWriter(store, onError);
        return new GovernanceServices(store, new RedisRateLimiter(database, keys), new RedisBudgetLedger(database, keys, timeProvider, store, writer),
            new RedisKeyEvents(connection, keys), options, timeProvider, shared: true, writer, connection, store)
        {
            OnError = onError,
        };
    }

    /// <summary><c>redis://[user:password@]host[:port][/db]</c> (or <c>rediss://</c> for TLS); anything else is a StackExchange.Redis configuration string.</summary>
    internal static ConfigurationOptions ParseUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("redis" or "rediss"))
        {
            var parsed = ConfigurationOptions.Parse(url);
            parsed.AbortOnConnectFail = false;
            return parsed;
        }

        var options = new ConfigurationOptions { AbortOnConnectFail = false, Ssl = uri.Scheme == "rediss" };
        options.EndPoints.Add(uri.Host, uri.IsDefaultPort || uri.Port <= 0 ? 6379 : uri.Port);
        if (uri.UserInfo.Length > 0)
        {
            var parts = Uri.UnescapeDataString(uri.UserInfo).Split(':', 2);
            (options.User, options.Password) = parts.Length == 2 ? (parts[0].Length > 0 ? parts[0] : null, parts[1]) : (null, parts[0]);
        }

        if (uri.AbsolutePath.Trim('/') is { Length: > 0 } db && int.TryParse(db, out var index))
        {
            options.DefaultDatabase = index;
        }

        return options;
    }
}
