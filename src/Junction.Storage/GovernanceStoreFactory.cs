using Junction.Configuration;
using Junction.Keys;
using Junction.Storage.Postgres;
using Junction.Storage.Sqlite;

namespace Junction.Storage;

/// <summary>Opens the store the <c>storage</c> block names; null when storage is off.</summary>
public static class GovernanceStoreFactory
{
    public static IGovernanceStore? Create(StorageOptions options, TimeProvider timeProvider) => options.Provider switch
    {
        StorageProviderNames.Sqlite => new SqlGovernanceStore(new SqliteDialect(options.Connection ?? StorageOptions.DefaultSqliteConnection), timeProvider),
        StorageProviderNames.Postgres => new SqlGovernanceStore(new PostgresDialect(options.Connection!), timeProvider),
        _ => null,
    };
}
