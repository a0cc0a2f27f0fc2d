using System.Collections.Concurrent;

namespace Junction.Keys;

/// <summary>
/// Finds the virtual key for a presented secret: SHA-256 it, look the hash up in a short-lived in-memory cache
/// (<c>governance.key_cache_ttl_s</c>) or else in the store, and compare hashes in constant time. Unknown hashes are
/// not cached (a new key works at once). <see cref="IKeyEvents"/> drops cached entries the moment a key, team or user
/// changes on any instance.
/// </summary>
public sealed class KeyResolver
{
    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);
    private readonly IGovernanceStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _ttl;

    public KeyResolver(IGovernanceStore store, IKeyEvents events, TimeProvider timeProvider, TimeSpan ttl)
    {
        _store = store;
        _timeProvider = timeProvider;
        _ttl = ttl;
        events.Subscribe(Invalidate);
    }

    /// <summary>The key for <paramref name="secret"/>, or null when no key has that hash.</summary>
    public async ValueTask<ResolvedKey?> ResolveAsync(string secret, CancellationToken cancellationToken)
    {
        var hash = KeySecrets.Hash(secret);
        var now = _timeProvider.GetUtcNow();
        if (_cache.TryGetValue(hash, out var cached) && cached.ExpiresAt > now)
        {
            return cached.Key;
        }

        var key = await _store.FindKeyByHashAsync(hash, cancellationToken).ConfigureAwait(false);
        if (key is null || !KeySecrets.HashEquals(key.KeyHash, hash))
        {
            return null;
        }

        var team = key.TeamId is { } teamId ? await _store.GetTeamAsync(teamId, cancellationToken).ConfigureAwait(false) : null;
        var user = key.UserId is { } userId ? await _store.GetUserAsync(userId, cancellationToken).ConfigureAwait(false) : null;
        var resolved = new ResolvedKey(key, team, user);
        if (_ttl > TimeSpan.Zero)
        {
            _cache[hash] = new Entry(resolved, now + _ttl);
        }

        return resolved;
    }

    /// <summary>Drops cached entries the change touches.</summary>
    public void Invalidate(KeyChange change)
    {
        foreach (var (hash, entry) in _cache)
        {
            var key = entry.Key.Key;
            var all = change.KeyId is null && change.TeamId is null && change.UserId is null;
            if (all || key.Id == change.KeyId || (change.TeamId is not null && key.TeamId == change.TeamId)
                || (change.UserId is not null && key.UserId == change.UserId))
            {
                _cache.TryRemove(hash, out _);
            }
        }
    }

    private sealed record Entry(ResolvedKey Key, DateTimeOffset ExpiresAt);
}
