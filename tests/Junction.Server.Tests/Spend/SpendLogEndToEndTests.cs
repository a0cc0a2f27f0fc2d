using System.Globalization;
using System.Net;
using System.Text.Json;
using Junction.Budgets;
using Junction.Server.Spend;
using Junction.Server.Tests.Infrastructure;
using Junction.Spend;
using Junction.TestKit.Databases;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Junction.Server.Tests.Spend;

/// <summary>
/// The spend log through the real server: rows in a real SQLite file and a real PostgreSQL database match the requests
/// made (streams and a failed first attempt included), shutdown under load loses no row, and a database outage fails no
/// request while its rows arrive after recovery.
/// </summary>
public sealed class SpendLogEndToEndTests(TestDatabaseServers servers) : IDisposable
{
    private const string MasterKey = "sk-junction-test-master-0123456789";
    private readonly string _dir = Directory.CreateTempSubdirectory("junction-spend-e2e-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Config(string storage, int latencyMs = 0) => $$"""
        auth:
          master_key: ${JUNCTION_MASTER_KEY}
        storage:
          {{storage}}
        spend:
          outbox: {{Path.Combine(_dir, "spend.outbox")}}
          flush_interval_ms: 20
        models:
          - name: chat
            deployments:
              - provider: mock
                model: gpt-4o
                latency_ms: {{latencyMs}}
          - name: flaky
            routing: { strategy: priority }
            deployments:
              - provider: openai
                model: gpt-4o
                base_url: http://127.0.0.1:1/v1
                api_key: sk-unused
                priority: 0
              - provider: mock
                model: gpt-4o
                priority: 1
        """;

    private Task<JunctionTestServer> StartAsync(string storage, int latencyMs = 0) =>
        JunctionTestServer.StartAsync(Config(storage, latencyMs), new Dictionary<string, string> { ["JUNCTION_MASTER_KEY"] = MasterKey });

    private string SqliteStorage(out string path)
    {
        path = Path.Combine(_dir, "junction.db");
        return $"{{ provider: sqlite, connection: \"Data Source={path}\" }}";
    }

    private static string Chat(string model, string text, bool stream = false) =>
        $$"""{"model":"{{model}}","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"{{text}}"}]}""";

    private static SpendAccessor Spend(JunctionTestServer server) => server.Services.GetRequiredService<SpendAccessor>();

    private static async Task<List<SpendRecord>> RowsAsync(ISpendStore store) => [.. await store.QueryLogsAsync(new SpendLogQuery { Limit = 10_000 }, Ct)];

    private static long ExpectedNanos(SpendRecord row) => Nanos.FromUsd((row.PromptTokens * 2.50m + row.CompletionTokens * 10m) / 1_000_000m);

    [Fact]
    public Task Requests_MatchSpendRows_Sqlite() => RequestsMatchRowsAsync(SqliteStorage(out _));

    [Fact]
    public async Task Requests_MatchSpendRows_Postgres()
    {
        var connection = await (await servers.PostgresAsync()).CreateDatabaseAsync();
        await RequestsMatchRowsAsync($"{{ provider: postgres, connection: \"{connection}\" }}");
    }

    private async Task RequestsMatchRowsAsync(string storage)
    {
        await using var server = await StartAsync(storage);
        var costs = new List<decimal>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await server.PostJsonAsync("/v1/chat/completions", Chat("chat", "hello number " + i), MasterKey,
                new Dictionary<string, string> { ["x-junction-metadata"] = i < 2 ? """{"tenant":"acme"}""" : """{"tenant":"globex"}""" }, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            costs.Add(decimal.Parse(response.Headers.GetValues("x-junction-cost").Single(), CultureInfo.InvariantCulture));
            Assert.Matches(@"^prompt=\d+;completion=\d+;cached=0$", response.Headers.GetValues("x-junction-usage").Single());
        }

        using (var stream = await server.PostJsonAsync("/v1/chat/completions", Chat("chat", "stream me please", stream: true), MasterKey, cancellationToken: Ct))
        {
            var body = await stream.Content.ReadAsStringAsync(Ct);
            Assert.Matches(@"\n: x-junction-cost=[0-9.]+; x-junction-usage=prompt=\d+;completion=\d+;cached=0\n\ndata: \[DONE\]\n\n$", body);
        }

        using (var flaky = await server.PostJsonAsync("/v1/chat/completions", Chat("flaky", "first attempt fails"), MasterKey, cancellationToken: Ct))
        {
            Assert.Equal(HttpStatusCode.OK, flaky.StatusCode);
            Assert.Equal("2", flaky.Headers.GetValues("x-junction-attempts").Single());
        }

        using (var missing = await server.PostJsonAsync("/v1/chat/completions", Chat("no-such-model", "x"), MasterKey, cancellationToken: Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        var spend = Spend(server);
        await spend.Writer!.FlushAsync(Ct);
        var rows = await RowsAsync(spend.Store!);
        Assert.Equal(7, rows.Count);
        var ok = rows.Where(r => r.Status == 200).ToList();
        Assert.Equal(6, ok.Count);
        Assert.All(ok, r => Assert.True(r.PromptTokens > 0 && r.CompletionTokens > 0));
        Assert.All(ok, r => Assert.Equal(ExpectedNanos(r), r.CostNanos));
        Assert.Equal(costs.Sum(), ok.Where(r => !r.Streamed && r.Attempts == 1).Sum(r => Nanos.ToUsd(r.CostNanos)), 5);
        Assert.Single(rows, r => r.Streamed && r.TimeToFirstTokenMs is not null);
        Assert.Single(rows, r => r.Attempts == 2 && r.Deployment is not null && r.Provider == "mock");
        Assert.Single(rows, r => r.Status == 404 && r.CostNanos == 0);

        using var summary = await server.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/admin/spend?by=tag:tenant&since=1d")
        {
            Headers = { Authorization = new("Bearer", MasterKey) },
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, summary.StatusCode);
        using var json = JsonDocument.Parse(await summary.Content.ReadAsStringAsync(Ct));
        var acme = json.RootElement.GetProperty("data").EnumerateArray().Single(g => g.GetProperty("group").GetString() == "acme");
        Assert.Equal(2, acme.GetProperty("requests").GetInt64());
        Assert.Equal(costs.Take(2).Sum(), acme.GetProperty("cost_usd").GetDecimal(), 5);

        using var logs = await server.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/admin/logs?status=404")
        {
            Headers = { Authorization = new("Bearer", MasterKey) },
        }, Ct);
        using var logJson = JsonDocument.Parse(await logs.Content.ReadAsStringAsync(Ct));
        Assert.Equal("no-such-model", logJson.RootElement.GetProperty("data")[0].GetProperty("model").GetString());
    }

    [Fact]
    public async Task Shutdown_UnderLoad_LosesNoRow()
    {
        var storage = SqliteStorage(out var path);
        var server = await StartAsync(storage, latencyMs: 1500);
        var requests = Enumerable.Range(0, 300).Select(async i =>
        {
            using var response = await server.PostJsonAsync("/v1/chat/completions", Chat("chat", "load " + i), MasterKey, cancellationToken: Ct);
            return response.StatusCode;
        }).ToList();
        var chat = server.Runtime.Router.Table.Models.Single(m => m.Name == "chat").Deployments[0];
        while (chat.State.InFlight < 250)
        {
            await Task.Delay(10, Ct);
        }

        // A graceful stop (what SIGTERM does): Kestrel finishes the requests in flight, then the spend writer drains.
        var stop = server.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHost>().StopAsync(Ct);
        var statuses = await Task.WhenAll(requests.Select(async r =>
        {
            try
            {
                return await r;
            }
            catch (HttpRequestException)
            {
                return HttpStatusCode.ServiceUnavailable; // refused after the server stopped listening: never reached the router
            }
        }));
        await stop;
        await server.DisposeAsync();

        var answered = statuses.Count(s => s == HttpStatusCode.OK);
        Assert.True(answered >= 250, $"only {answered} of 300 requests were answered: " + string.Join(",", statuses.Distinct()));
        await using var store = Junction.Storage.SpendStoreFactory.Create(new() { Provider = "sqlite", Connection = $"Data Source={path}" }, TimeProvider.System)!;
        var rows = await RowsAsync(store);
        Assert.Equal(answered, rows.Count(r => r.Status == 200));
        Assert.Equal(0, new FileInfo(Path.Combine(_dir, "spend.outbox")).Length);
    }

    [Fact]
    public async Task DatabaseOutage_FailsNoRequest_AndRowsArriveAfterRecovery()
    {
        await servers.PostgresAsync(); // skips (or fails under CI) when PostgreSQL is not installed
        await using var postgres = await PostgresServer.StartAsync();
        var connection = await postgres.CreateDatabaseAsync();
        await using var server = await StartAsync($"{{ provider: postgres, connection: \"{connection}\" }}");
        var spend = Spend(server);

        async Task SendAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                using var response = await server.PostJsonAsync("/v1/chat/completions", Chat("chat", "outage " + i, stream: i % 3 == 0), MasterKey, cancellationToken: Ct);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                await response.Content.ReadAsStringAsync(Ct);
            }
        }

        await SendAsync(10);
        await spend.Writer!.FlushAsync(Ct);
        await postgres.StopAsync();
        await SendAsync(30);
        while (spend.Writer.FailedWrites == 0)
        {
            await Task.Delay(20, Ct);
        }

        Assert.True(spend.Writer.Pending > 0);
        await postgres.StartAgainAsync();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        await spend.Writer.FlushAsync(deadline.Token);
        var rows = await RowsAsync(spend.Store!);
        Assert.Equal(40, rows.Count);
        Assert.Equal(0, spend.Writer.Dropped);
        Assert.True(spend.Writer.Retried > 0);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
