using System.Net;
using System.Text.Json.Nodes;
using Junction.Cli;
using Junction.Server.Tests.Infrastructure;
using static Junction.Server.Tests.Governance.GovernanceClient;

namespace Junction.Server.Tests.Governance;

/// <summary><c>junction db migrate</c> and <c>junction keys ...</c> on a SQLite file that a running server also uses.</summary>
public sealed class KeysCliTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("junction-cli-").FullName;
    private string _config = "";

    public ValueTask InitializeAsync()
    {
        _config = Path.Combine(_dir, "junction.yaml");
        File.WriteAllText(_config, $$"""
            auth: { master_key: sk-master-cli-test-0123456789 }
            storage: { provider: sqlite, connection: "Data Source={{Path.Combine(_dir, "junction.db")}}" }
            governance: { key_cache_ttl_s: 0 }
            router: { watch_config: false }
            models:
              - name: demo
                deployments: [ { provider: mock } ]
              - name: other
                deployments: [ { provider: mock } ]
            """);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
        return ValueTask.CompletedTask;
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await JunctionCli.RunAsync([.. args, "--config", _config], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task MigrateCreateUseRevoke_ThroughTheCli()
    {
        var migrate = await RunAsync("db", "migrate");
        Assert.Equal(0, migrate.Exit);
        Assert.Contains("applied migration(s) 1", migrate.Output, StringComparison.Ordinal);
        Assert.Contains("up to date", (await RunAsync("db", "migrate")).Output, StringComparison.Ordinal);

        var create = await RunAsync("keys", "create", "--team", "search", "--models", "demo", "--budget", "50", "--rpm", "60");
        Assert.True(create.Exit == 0, create.Error);
        var created = JsonNode.Parse(create.Output)!;
        var (id, secret) = ((string)created["id"]!, (string)created["key"]!);
        Assert.Equal(50m, (decimal)created["budget_usd"]!);

        await using var server = await JunctionTestServer.StartAsync(File.ReadAllText(_config));
        using (var ok = await ChatAsync(server, secret))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using (var denied = await ChatAsync(server, secret, "other"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        }

        var list = await RunAsync("keys", "list", "--team", "search");
        Assert.Contains(id, list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list.Output, StringComparison.Ordinal);

        Assert.Equal(0, (await RunAsync("keys", "revoke", id)).Exit);
        using (var revoked = await ChatAsync(server, secret))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        }

        var audit = await SendAsync(server, HttpMethod.Get, $"/admin/audit?actor=cli&target_id={id}", "sk-master-cli-test-0123456789");
        Assert.Equal(["key.revoke", "key.create"], (await JsonAsync(audit))["data"]!.AsArray().Select(e => (string)e!["action"]!));
    }

    [Fact]
    public async Task UnknownKeyOrBadRole_ExitsOneWithAMessage()
    {
        var missing = await RunAsync("keys", "get", "key_nope");
        Assert.Equal(1, missing.Exit);
        Assert.Contains("no key with id 'key_nope'", missing.Error, StringComparison.Ordinal);
        var role = await RunAsync("keys", "create", "--role", "owner");
        Assert.Equal(1, role.Exit);
        Assert.Contains("--role", role.Error, StringComparison.Ordinal);
    }
}
