using Junction.Spend;
using Junction.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Junction.Storage.Tests.Spend;

/// <summary>The spend contract on a real SQLite file (each test its own).</summary>
public sealed class SqliteSpendStoreTests : SpendStoreContract, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("junction-spend-sqlite-").FullName;
    private int _files;

    protected override async Task<ISpendStore> CreateStoreAsync()
    {
        var store = new SqlSpendStore(new SqliteDialect($"Data Source={Path.Combine(_dir, $"spend-{Interlocked.Increment(ref _files)}.db")}"), TimeProvider.System);
        await store.MigrateAsync(Ct);
        return store;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
        Directory.Delete(OutboxDir, recursive: true);
    }
}
