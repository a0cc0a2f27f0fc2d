using Junction.Spend;
using Junction.Storage.Postgres;
using Junction.Storage.Tests.Infrastructure;

namespace Junction.Storage.Tests.Spend;

/// <summary>The spend contract on a real PostgreSQL server (one fresh database per store).</summary>
public sealed class PostgresSpendStoreTests(TestDatabaseServers servers) : SpendStoreContract
{
    protected override async Task<ISpendStore> CreateStoreAsync()
    {
        var connection = await (await servers.PostgresAsync()).CreateDatabaseAsync();
        var store = new SqlSpendStore(new PostgresDialect(connection), TimeProvider.System);
        await store.MigrateAsync(Ct);
        return store;
    }
}
