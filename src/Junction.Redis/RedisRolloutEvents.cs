using Junction.Configuration;
using StackExchange.Redis;

namespace Junction.Redis;

/// <summary>
/// Rollout changes on a Redis pub/sub channel (<c>{prefix}rollouts</c>): the instance that moves a rollout publishes the
/// model's name, and every instance re-reads that rollout's state from the database at once instead of at its next
/// evaluation (every 5 s). Messages carry the model name only; the database stays the source of truth.
/// </summary>
public sealed class RedisRolloutEvents : IAsyncDisposable
{
    private readonly ConnectionMultiplexer _connection;
    private readonly ISubscriber _subscriber;
    private readonly RedisChannel _channel;

    private RedisRolloutEvents(ConnectionMultiplexer connection, RedisKeys keys)
    {
        _connection = connection;
        _subscriber = connection.GetSubscriber();
        _channel = RedisChannel.Literal(keys.RolloutChannel);
    }

    public static async Task<RedisRolloutEvents> ConnectAsync(RedisOptions options) =>
        new(await ConnectionMultiplexer.ConnectAsync(RedisGovernance.ParseUrl(options.Url!)).ConfigureAwait(false), new RedisKeys(options.KeyPrefix));

    /// <summary>Announces that <paramref name="model"/>'s rollout changed; never blocks or throws (fire and forget).</summary>
    public void Publish(string model) => _subscriber.Publish(_channel, model, CommandFlags.FireAndForget);

    /// <summary>Calls <paramref name="handler"/> with the model of every change, announced here or on another instance.</summary>
    public Task SubscribeAsync(Action<string> handler) =>
        _subscriber.SubscribeAsync(_channel, (_, message) => handler(message.ToString()));

    public async ValueTask DisposeAsync()
    {
        await _subscriber.UnsubscribeAllAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
