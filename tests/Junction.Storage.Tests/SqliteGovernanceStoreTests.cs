using Junction.Keys;
using Junction.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Junction.Storage.Tests;

/// <summary>The store contract on a real SQLite file in a temp folder (each test its own file).</summary>
public sealed class SqliteGovernanceStoreTests : GovernanceStoreContract, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("junction-sqlite-").FullName;
    private int _files;

    protected override async Task<IGovernanceStore> CreateStoreAsync()
    {
        var path = Path.Combine(_dir, $"junction-{Interlocked.Increment(ref _files)}.db");
        var store = new SqlGovernanceStore(new SqliteDialect($"Data Source={path}"), Clock);
        _paths[store] = path;
        Assert.Equal(MigrationRunner.Load("sqlite").Select(static m => m.Version), await store.MigrateAsync(TestContext.Current.CancellationToken));
        return store;
    }

    private readonly Dictionary<IGovernanceStore, string> _paths = [];

    protected override async Task<int> ExecuteAsync(IGovernanceStore store, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_paths[store]}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return sql.StartsWith("SELECT", StringComparison.Ordinal)
            ? Convert.ToInt32(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken) ?? 0, System.Globalization.CultureInfo.InvariantCulture)
            : await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Migrate_ExistingDataSurvivesARerun()
    {
        await using var store = await CreateStoreAsync();
        var ct = TestContext.Current.CancellationToken;
        await store.CreateKeyAsync(NewKey("key_keep"), Audit("key.create", "key_keep"), ct);
        await using var reopened = new SqlGovernanceStore(new SqliteDialect($"Data Source={_paths[store]}"), Clock);
        Assert.Empty(await reopened.MigrateAsync(ct));
        Assert.NotNull(await reopened.GetKeyAsync("key_keep", ct));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
