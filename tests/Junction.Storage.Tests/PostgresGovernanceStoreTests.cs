using Junction.Keys;
using Junction.Storage.Postgres;
using Junction.Storage.Tests.Infrastructure;
using Npgsql;

namespace Junction.Storage.Tests;

/// <summary>The store contract on a real PostgreSQL server (one fresh database per test).</summary>
public sealed class PostgresGovernanceStoreTests(TestDatabaseServers servers) : GovernanceStoreContract
{
    private readonly Dictionary<IGovernanceStore, string> _connections = [];

    protected override async Task<IGovernanceStore> CreateStoreAsync()
    {
        var connection = await (await servers.PostgresAsync()).CreateDatabaseAsync();
        var store = new SqlGovernanceStore(new PostgresDialect(connection), Clock);
        _connections[store] = connection;
        Assert.Equal(MigrationRunner.Load("postgres").Select(static m => m.Version), await store.MigrateAsync(TestContext.Current.CancellationToken));
        return store;
    }

    protected override async Task<int> ExecuteAsync(IGovernanceStore store, string sql)
    {
        await using var connection = new NpgsqlConnection(_connections[store]);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return sql.StartsWith("SELECT", StringComparison.Ordinal)
            ? Convert.ToInt32(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken) ?? 0, System.Globalization.CultureInfo.InvariantCulture)
            : await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Migrate_FromSeveralInstancesAtOnce_AppliesOnce()
    {
        var connection = await (await servers.PostgresAsync()).CreateDatabaseAsync();
        var stores = Enumerable.Range(0, 4).Select(_ => new SqlGovernanceStore(new PostgresDialect(connection), Clock)).ToArray();
        var applied = await Task.WhenAll(stores.Select(s => s.MigrateAsync(TestContext.Current.CancellationToken)));
        Assert.Equal(MigrationRunner.Load("postgres").Count, applied.Sum(a => a.Count));
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }
}
