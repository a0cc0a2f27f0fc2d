using System.Diagnostics;
using System.Text.Json.Nodes;
using Junction.Migration;
using Junction.Server.Tests.Infrastructure;
using Junction.TestKit.OpenAI;
using Microsoft.Data.Sqlite;
using static Junction.Server.Tests.Migration.MigrationTestSupport;

namespace Junction.Server.Tests.Migration;

/// <summary>
/// Shadow traffic through a real server on a SQLite database, with a fake upstream per side: the client never waits for
/// the shadow, pairs are stored with both sides' figures, and the report (API and CLI) shows what the fakes did.
/// </summary>
public sealed class ShadowTrafficTests : IAsyncLifetime
{
    private const string Reply = "The capital of France is Paris.";
    private readonly string _dir = Directory.CreateTempSubdirectory("junction-shadow-").FullName;
    private FakeOpenAIUpstream _primary = null!;
    private FakeOpenAIUpstream _shadow = null!;
    private JunctionTestServer _server = null!;

    private string Database => Path.Combine(_dir, "junction.db");

    private ShadowRunner Runner => _server.Runtime.Migration!.TryGetShadow("gpt-4o", out var runner) ? runner : throw new InvalidOperationException();

    public async ValueTask InitializeAsync()
    {
        _primary = await FakeOpenAIUpstream.StartAsync(new FakeOpenAIOptions { FixedReply = Reply });
        _shadow = await FakeOpenAIUpstream.StartAsync(new FakeOpenAIOptions { FixedReply = Reply });
        _server = await JunctionTestServer.StartAsync($$"""
            auth: { master_key: {{MasterKey}} }
            storage: { provider: sqlite, connection: "Data Source={{Database}}" }
            models:
              - name: gpt-4o
                deployments:
                  - { provider: openai, model: gpt-4o, base_url: "{{_primary.BaseUrl}}", api_key: sk-upstream }
                routing: { retries: 0 }
                shadow: { target: claude-sonnet, sample: 1, max_in_flight: 8 }
              - name: claude-sonnet
                deployments:
                  - { provider: openai, model: gpt-4o-mini, base_url: "{{_shadow.BaseUrl}}", api_key: sk-upstream }
                routing: { retries: 0, timeout_s: 30 }
            """);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _primary.DisposeAsync();
        await _shadow.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SlowShadow_DoesNotSlowTheClient(bool stream)
    {
        _shadow.Enqueue(FakeBehavior.Delay(TimeSpan.FromSeconds(3)));
        var clock = Stopwatch.StartNew();
        var (status, body) = await ChatAsync(_server, "gpt-4o", "What is the capital of France?", stream: stream);
        var clientLatency = clock.Elapsed;

        Assert.Equal(200, status);
        Assert.Contains("Paris", body, StringComparison.Ordinal);
        // The shadow's answer takes 3 s: when the client has its answer, no pair can have been stored yet.
        Assert.Empty(await _server.Runtime.MigrationStores.Shadows.ListAsync("gpt-4o", DateTimeOffset.MinValue, Ct));
        Assert.True(clientLatency < TimeSpan.FromSeconds(2), $"client waited {clientLatency}");

        await EventuallyAsync(() => _shadow.RequestCount == 1, "the mirrored call");
        await Runner.DrainAsync();
        var pair = Assert.Single(await _server.Runtime.MigrationStores.Shadows.ListAsync("gpt-4o", DateTimeOffset.MinValue, Ct));
        Assert.True(pair.Shadow.Latency > TimeSpan.FromSeconds(2.5), $"shadow latency {pair.Shadow.Latency}, status {pair.Shadow.Status} {pair.Shadow.ErrorKind}");
        Assert.True(pair.Primary.Latency < TimeSpan.FromSeconds(2), $"primary latency {pair.Primary.Latency}");
        Assert.Equal(stream, pair.Shadow.TimeToFirstToken is not null);
        Assert.Equal(stream, pair.Primary.TimeToFirstToken is not null);
        Assert.True(pair.Comparisons.TextExact);
    }

    [Fact]
    public async Task FailingShadow_NeverAffectsThePrimary()
    {
        _shadow.Enqueue(FakeBehavior.Error(500, "server_error", null, "boom"), FakeBehavior.ResetBeforeResponse());
        Assert.Equal(200, (await ChatAsync(_server, "gpt-4o", "one")).Status);
        Assert.Equal(200, (await ChatAsync(_server, "gpt-4o", "two", stream: true)).Status);
        await EventuallyAsync(() => _shadow.RequestCount == 2, "the mirrored calls");
        await Runner.DrainAsync();
        var pairs = await _server.Runtime.MigrationStores.Shadows.ListAsync("gpt-4o", DateTimeOffset.MinValue, Ct);
        Assert.Equal(2, pairs.Count);
        Assert.All(pairs, p => Assert.True(p.Primary.Succeeded));
        Assert.All(pairs, p => Assert.False(p.Shadow.Succeeded));
    }

    [Fact]
    public async Task Report_FiguresMatchWhatTheFakesDid_InTheApiAndTheCli()
    {
        _shadow.Enqueue(FakeBehavior.Succeed(), FakeBehavior.Error(500, "server_error", null, "boom"), FakeBehavior.Succeed(), FakeBehavior.Succeed());
        var primaryTokens = 0;
        for (var i = 0; i < 4; i++)
        {
            var (status, body) = await ChatAsync(_server, "gpt-4o", "Name the capital of France.");
            Assert.Equal(200, status);
            primaryTokens += (int)JsonNode.Parse(body)!["usage"]!["total_tokens"]!;
            await EventuallyAsync(() => _shadow.RequestCount == i + 1, "the mirrored call");
            await Runner.DrainAsync();
        }

        var report = await GetJsonAsync(_server, "/admin/shadow/report?model=gpt-4o&since=1h");
        Assert.Equal(4, (int)report["pairs"]!);
        Assert.Equal(4, (int)report["mirrored"]!);
        Assert.Equal(0, (double)report["error_rate"]!["primary"]!);
        Assert.Equal(0.25, (double)report["error_rate"]!["shadow"]!);
        Assert.Equal(0.25, (double)report["error_rate"]!["delta"]!);
        Assert.Equal(primaryTokens, (int)report["tokens"]!["primary"]!);
        Assert.Equal(primaryTokens * 3 / 4, (int)report["tokens"]!["shadow"]!);
        Assert.Equal(1.0, (double)report["agreement"]!["text_exact"]!["rate"]!);
        Assert.Equal(3, (int)report["agreement"]!["text_exact"]!["pairs"]!);
        Assert.True((double)report["latency_ms"]!["primary_p50"]! > 0);

        // Stored in the database: figures, comparisons, and no content without logging.store_content.
        await using (var connection = new SqliteConnection($"Data Source={Database}"))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*), COUNT(content), SUM(shadow_status = 500), MIN(primary_latency_us) FROM shadow_pairs WHERE model = 'gpt-4o'";
            await using var reader = await command.ExecuteReaderAsync(Ct);
            Assert.True(await reader.ReadAsync(Ct));
            Assert.Equal((4L, 0L, 1L), (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
            Assert.True(reader.GetInt64(3) > 0);
        }

        var cli = await CliAsync("shadow", "report", "--model", "gpt-4o", "--since", "24h", "--url", _server.BaseUrl.ToString(), "--key", MasterKey);
        Assert.True(cli.Exit == 0, cli.Error);
        Assert.Contains("gpt-4o vs claude-sonnet: 4 pairs", cli.Output, StringComparison.Ordinal);
        Assert.Contains("error rate      0.0% -> 25.0%  (delta +25.0 pts)", cli.Output, StringComparison.Ordinal);
        Assert.Matches(@"text_exact\s+100\.0%  over 3 pairs", cli.Output);
    }
}
