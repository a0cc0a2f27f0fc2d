namespace Junction.TestKit.Databases;

/// <summary>
/// One real PostgreSQL and one real redis-server shared by a test assembly, started on first use. When a server's
/// binaries are missing, <see cref="Skip"/> is called (the test is skipped with a message), or <see cref="Fail"/>
/// when <c>CI=true</c>: CI must run these tests. Test projects derive to supply their framework's skip and fail.
/// </summary>
public abstract class DatabaseServers : IAsyncDisposable
{
    private readonly Lazy<Task<PostgresServer>> _postgres = new(PostgresServer.StartAsync);
    private readonly Lazy<Task<RedisServer>> _redis = new(RedisServer.StartAsync);

    public async Task<PostgresServer> PostgresAsync()
    {
        Require(PostgresServer.FindBinaries() is not null, "PostgreSQL (initdb, pg_ctl)", "apt-get install postgresql, or set JUNCTION_PG_BIN");
        return await _postgres.Value;
    }

    public async Task<RedisServer> RedisAsync()
    {
        Require(RedisServer.FindBinary() is not null, "redis-server", "apt-get install redis-server");
        return await _redis.Value;
    }

    protected abstract void Skip(string message);

    protected abstract void Fail(string message);

    private void Require(bool found, string what, string how)
    {
        if (found)
        {
            return;
        }

        var message = $"{what} is not installed ({how}).";
        if (LocalServerProcess.IsCi)
        {
            Fail(message + " CI=true, so this is a failure: .ci/run must install it.");
        }

        Skip(message + " Skipping; under CI=true this fails.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres.IsValueCreated && _postgres.Value.IsCompletedSuccessfully)
        {
            await _postgres.Value.Result.DisposeAsync();
        }

        if (_redis.IsValueCreated && _redis.Value.IsCompletedSuccessfully)
        {
            await _redis.Value.Result.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
