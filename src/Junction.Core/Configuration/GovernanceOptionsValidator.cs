namespace Junction.Configuration;

/// <summary>
/// Checks the <c>storage</c>, <c>redis</c> and <c>governance</c> blocks and applies the storage default:
/// SQLite in <c>junction.db</c> when a master key is set, <c>off</c> otherwise. Connection strings are secrets: never echoed.
/// </summary>
internal static class GovernanceOptionsValidator
{
    public static void Validate(JunctionOptions options, List<ConfigError> errors)
    {
        var storage = options.Storage;
        if (storage.Provider is null)
        {
            storage.Provider = string.IsNullOrEmpty(options.Auth.MasterKey) && storage.Connection is null
                ? StorageProviderNames.Off
                : StorageProviderNames.Sqlite;
        }

        if (!StorageProviderNames.All.Contains(storage.Provider, StringComparer.Ordinal))
        {
            errors.Add(new("storage.provider", null, $"must be one of {string.Join(", ", StorageProviderNames.All)}"));
        }
        else if (storage.Provider == StorageProviderNames.Sqlite)
        {
            storage.Connection ??= StorageOptions.DefaultSqliteConnection;
        }
        else if (storage.Provider == StorageProviderNames.Postgres && storage.Connection is null)
        {
            errors.Add(new("storage.connection", null, "is required for provider postgres (an Npgsql connection string)"));
        }

        if (options.Redis.Url is not null && !storage.Enabled)
        {
            errors.Add(new("redis.url", null, "needs storage (storage.provider sqlite or postgres): Redis shares the limits of virtual keys"));
        }

        if (string.IsNullOrWhiteSpace(options.Redis.KeyPrefix))
        {
            errors.Add(new("redis.key_prefix", null, "must not be empty"));
        }

        var governance = options.Governance;
        if (!(governance.KeyCacheTtlS >= 0 && governance.KeyCacheTtlS <= 300))
        {
            errors.Add(new("governance.key_cache_ttl_s", null, "must be between 0 and 300"));
        }

        if (options.Spend.BatchSize is < 1 or > 5000)
        {
            errors.Add(new("spend.batch_size", null, "must be between 1 and 5000"));
        }

        if (options.Spend.FlushIntervalMs is < 1 or > 60_000)
        {
            errors.Add(new("spend.flush_interval_ms", null, "must be between 1 and 60000"));
        }

        if (string.IsNullOrWhiteSpace(options.Spend.Outbox))
        {
            errors.Add(new("spend.outbox", null, "must be a file path"));
        }

        if (governance.DefaultOutputTokens is < 1 or > 1_000_000)
        {
            errors.Add(new("governance.default_output_tokens", null, "must be between 1 and 1000000"));
        }
    }
}
