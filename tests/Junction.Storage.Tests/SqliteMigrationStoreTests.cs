using Junction.Keys;
using Junction.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Junction.Storage.Tests;

/// <summary>The migration store contract on a real SQLite file in a temp folder (each test its own file).</summary>
public sealed class SqliteMigrationStoreTests : MigrationStoreContract, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("junction-sqlite-mig-").FullName;
    private readonly Dictionary<SqlMigrationStorage, string> _paths = [];
    private int _files;

    protected override async Task<(SqlMigrationStorage Storage, IGovernanceStore Governance)> CreateAsync(FakeTimeProvider clock)
    {
        var path = Path.Combine(_dir, $"junction-{Interlocked.Increment(ref _files)}.db");
        var governance = new SqlGovernanceStore(new SqliteDialect($"Data Source={path}"), clock);
        await governance.MigrateAsync(TestContext.Current.CancellationToken);
        var storage = Open(path, clock);
        return (storage, governance);
    }

    protected override SqlMigrationStorage Reopen(SqlMigrationStorage storage, FakeTimeProvider clock) => Open(_paths[storage], clock);

    private SqlMigrationStorage Open(string path, FakeTimeProvider clock)
    {
        var storage = SqlMigrationStorage.Open(new Configuration.StorageOptions { Provider = "sqlite", Connection = $"Data Source={path}" }, clock)!;
        _paths[storage] = path;
        return storage;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
