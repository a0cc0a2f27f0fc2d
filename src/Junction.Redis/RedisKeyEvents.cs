using Junction.Keys;
using StackExchange.Redis;

namespace Junction.Redis;

/// <summary>
/// Key changes on a Redis pub/sub channel: every instance drops the changed keys from its cache as soon as the message
/// arrives (typically within milliseconds), so a revoked key is refused everywhere well within a second.
/// Messages are <c>k:ID</c>, <c>t:ID</c>, <c>u:ID</c> or <c>*</c>; they carry ids only, never secrets.
/// </summary>
internal sealed class RedisKeyEvents : IKeyEvents
{
    private readonly ISubscriber _subscriber;
    private readonly RedisChannel _channel;

    public RedisKeyEvents(IConnectionMultiplexer connection, RedisKeys keys)
    {
        _subscriber = connection.GetSubscriber();
        _channel = RedisChannel.Literal(keys.KeyChannel);
    }

    public async Task PublishAsync(KeyChange change, CancellationToken cancellationToken) =>
        await _subscriber.PublishAsync(_channel, Encode(change)).ConfigureAwait(false);

    public void Subscribe(Action<KeyChange> handler) =>
        _subscriber.Subscribe(_channel, (_, message) => handler(Decode(message.ToString())));

    internal static string Encode(KeyChange change) =>
        change.KeyId is { } key ? "k:" + key
        : change.TeamId is { } team ? "t:" + team
        : change.UserId is { } user ? "u:" + user
        : "*";

    internal static KeyChange Decode(string message) => message.Length < 2 || message[1] != ':' ? new KeyChange() : message[0] switch
    {
        'k' => new KeyChange(KeyId: message[2..]),
        't' => new KeyChange(TeamId: message[2..]),
        'u' => new KeyChange(UserId: message[2..]),
        _ => new KeyChange(),
    };
}
