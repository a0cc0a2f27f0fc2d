using System.Net.Sockets;

namespace Junction.TestKit.Databases;

/// <summary>
/// A real PostgreSQL server for tests: <c>initdb</c> into a temp folder, <c>pg_ctl start</c> on a free port on
/// 127.0.0.1 (socket dir in the temp folder, fsync off), stopped and deleted on dispose. When run as root the tools run
/// as the <c>postgres</c> user (initdb refuses root). Binaries: <c>JUNCTION_PG_BIN</c>, Debian's
/// <c>/usr/lib/postgresql/*/bin</c>, or <c>PATH</c>.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _root;
    private readonly string _pgCtl;
    private readonly bool _asPostgresUser;
    private int _databases;

    private PostgresServer(string root, string pgCtl, bool asPostgresUser, int port)
    {
        _root = root;
        _pgCtl = pgCtl;
        _asPostgresUser = asPostgresUser;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The folder with <c>initdb</c> and <c>pg_ctl</c>, or null when PostgreSQL is not installed.</summary>
    public static string? FindBinaries()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("JUNCTION_PG_BIN") is { Length: > 0 } configured)
        {
            candidates.Add(Path.Combine(configured, "initdb"));
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderDescending(StringComparer.Ordinal).Select(d => Path.Combine(d, "bin", "initdb")));
        }

        var initdb = LocalServerProcess.Find("initdb", candidates);
        if (initdb is null)
        {
            return null;
        }

        var resolved = new FileInfo(initdb).LinkTarget is { } target ? Path.GetFullPath(target, Path.GetDirectoryName(initdb)!) : initdb;
        return Path.GetDirectoryName(resolved);
    }

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException("PostgreSQL binaries (initdb, pg_ctl) were not found.");
        var root = Path.Combine(Path.GetTempPath(), "junction-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var asPostgres = Environment.UserName == "root";
        if (asPostgres)
        {
            await LocalServerProcess.RunAsync("chown", ["postgres", root], TimeSpan.FromSeconds(10));
        }

        var port = LocalServerProcess.FreePort();
        var server = new PostgresServer(root, Path.Combine(bin, "pg_ctl"), asPostgres, port);
        await server.RunAsync(Path.Combine(bin, "initdb"), ["-D", server.DataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--no-instructions"],
            TimeSpan.FromSeconds(60));
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Stops the server (<c>pg_ctl stop -m fast</c>) and keeps its data, to simulate a database outage.</summary>
    public Task StopAsync() => RunAsync(_pgCtl, ["stop", "-D", DataDir, "-m", "fast", "-w", "-t", "30"], TimeSpan.FromSeconds(60));

    /// <summary>Starts the server again on the same port and data after <see cref="StopAsync"/>.</summary>
    public Task StartAgainAsync() => RunAsync(_pgCtl,
        [
            "start", "-D", DataDir, "-w", "-t", "30", "-l", Path.Combine(_root, "postgres.log"),
            "-o", $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
        ], TimeSpan.FromSeconds(60));

    private string DataDir => Path.Combine(_root, "data");

    /// <summary>A connection string to the maintenance database.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=50;Timeout=15";

    /// <summary>A fresh, empty database (created with <c>createdb</c>), so each test owns its schema.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"t{Interlocked.Increment(ref _databases)}_{Guid.NewGuid().ToString("N")[..8]}";
        await RunAsync(Path.Combine(Path.GetDirectoryName(_pgCtl)!, "createdb"), ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", name],
            TimeSpan.FromSeconds(30));
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync(_pgCtl, ["stop", "-D", DataDir, "-m", "immediate", "-w", "-t", "20"], TimeSpan.FromSeconds(30));
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or SocketException)
        {
            // Best effort: the temp folder is removed below either way.
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Task RunAsync(string file, string[] arguments, TimeSpan timeout) =>
        _asPostgresUser
            ? LocalServerProcess.RunAsync("runuser", ["-u", "postgres", "--", file, .. arguments], timeout)
            : LocalServerProcess.RunAsync(file, arguments, timeout);
}
