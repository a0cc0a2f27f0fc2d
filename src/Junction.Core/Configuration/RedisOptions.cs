namespace Junction.Configuration;

/// <summary>
/// The <c>redis</c> block. When <see cref="Url"/> is set, rate limits, parallel limits and budget counters are shared
/// by every instance through Redis, and key changes are broadcast on a pub/sub channel.
/// </summary>
public sealed class RedisOptions
{
    /// <summary><c>redis://[user:password@]host[:port][/db]</c> or a StackExchange.Redis configuration string (<c>url</c>); a secret.</summary>
    public string? Url { get; set; }

    /// <summary>The prefix of every Redis key and channel Junction uses (<c>key_prefix</c>).</summary>
    public string KeyPrefix { get; set; } = "junction:";

    internal static RedisOptions Read(ConfigMap map)
    {
        var options = new RedisOptions { Url = map.Secret("url") };
        options.KeyPrefix = map.OptionalString("key_prefix") ?? options.KeyPrefix;
        return options;
    }
}
