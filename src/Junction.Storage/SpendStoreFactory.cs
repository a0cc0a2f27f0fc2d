using Junction.Configuration;
using Junction.Spend;
using Junction.Storage.Postgres;
using Junction.Storage.Sqlite;

namespace Junction.Storage;

/// <summary>Opens the spend log in the database the <c>storage</c> block names; null when storage is off.</summary>
public static class SpendStoreFactory
{
    public static ISpendStore? Create(StorageOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Provider switch
        {
            StorageProviderNames.Sqlite => new SqlSpendStore(new SqliteDialect(options.Connection ?? StorageOptions.DefaultSqliteConnection), timeProvider),
            StorageProviderNames.Postgres => new SqlSpendStore(new PostgresDialect(options.Connection!), timeProvider),
            _ => null,
        };
    }

    /// <summary>Applies pending migrations through a spend store made by <see cref="Create"/>.</summary>
    public static Task<IReadOnlyList<int>> MigrateAsync(ISpendStore store, CancellationToken cancellationToken) =>
        store is SqlSpendStore sql ? sql.MigrateAsync(cancellationToken) : Task.FromResult<IReadOnlyList<int>>([]);
}
