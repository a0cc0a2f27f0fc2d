using Junction.Keys;
using Junction.Storage.Postgres;
using Junction.Storage.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Junction.Storage.Tests;

/// <summary>The migration store contract on a real PostgreSQL server (one fresh database per test).</summary>
public sealed class PostgresMigrationStoreTests(TestDatabaseServers servers) : MigrationStoreContract
{
    private readonly Dictionary<SqlMigrationStorage, string> _connections = [];

    protected override async Task<(SqlMigrationStorage Storage, IGovernanceStore Governance)> CreateAsync(FakeTimeProvider clock)
    {
        var connection = await (await servers.PostgresAsync()).CreateDatabaseAsync();
        var governance = new SqlGovernanceStore(new PostgresDialect(connection), clock);
        await governance.MigrateAsync(TestContext.Current.CancellationToken);
        return (Open(connection, clock), governance);
    }

    protected override SqlMigrationStorage Reopen(SqlMigrationStorage storage, FakeTimeProvider clock) => Open(_connections[storage], clock);

    private SqlMigrationStorage Open(string connection, FakeTimeProvider clock)
    {
        var storage = SqlMigrationStorage.Open(new Configuration.StorageOptions { Provider = "postgres", Connection = connection }, clock)!;
        _connections[storage] = connection;
        return storage;
    }
}
